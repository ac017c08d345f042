package io.jakamoconnector.adapter.erphttp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jakamoconnector.domain.model.sync.OutboundRecord;
import io.jakamoconnector.domain.model.sync.OutboundState;
import io.jakamoconnector.domain.port.out.ArchiveVerdict;
import java.time.Instant;
import java.util.Optional;

/**
 * A document's status for the ERP: the core's record when it has one (state, attempts, Jakamo's answer), else what
 * the spool knows: {@code received} while it waits to be picked up, or the verdict it was archived with (a document
 * the core refused before recording it).
 */
final class DocumentStatus {
    private DocumentStatus() {
    }

    static ObjectNode of(String id, Optional<DocumentSpool.Spooled> spooled, Optional<OutboundRecord> record) {
        Optional<ArchiveVerdict> verdict = spooled.flatMap(DocumentSpool.Spooled::verdict);
        String state;
        int attempts;
        String answer;
        String type;
        String businessKey;
        Instant receivedAt;
        if (record.isPresent()) {
            OutboundRecord r = record.get();
            state = r.state() == OutboundState.FAILED && verdict.filter(ErpApi::isVerdictRefusal).isPresent()
                    ? "refused" : ErpApi.state(r.state());
            attempts = r.attempts();
            answer = r.lastError().orElse(verdict.map(DocumentStatus::whatHappened).orElse(null));
            type = r.type().rootName().orElse(r.type().label());
            businessKey = r.businessKey().map(k -> k.value()).orElse(null);
            receivedAt = spooled.map(DocumentSpool.Spooled::receivedAt).orElse(r.createdAt());
        } else {
            DocumentSpool.Spooled s = spooled.orElseThrow();
            state = verdict.map(DocumentStatus::stateOf).orElse("received");
            attempts = 0;
            answer = verdict.map(DocumentStatus::whatHappened).orElse(null);
            type = s.documentType().orElse(null);
            businessKey = s.businessKey().orElse(null);
            receivedAt = s.receivedAt();
        }
        ObjectNode node = EntryFiles.JSON.createObjectNode();
        node.put("id", id);
        node.put("state", state);
        node.put("attempts", attempts);
        node.put("answer", answer);
        node.put("documentType", type);
        node.put("businessKey", businessKey);
        node.put("receivedAt", receivedAt.toString());
        return node;
    }

    private static String stateOf(ArchiveVerdict verdict) {
        if (verdict instanceof ArchiveVerdict.Failed f) {
            if (f.delivery() == ArchiveVerdict.Delivery.MAY_HAVE_BEEN_SENT) {
                return "in-doubt";
            }
            return ErpApi.isVerdictRefusal(f) ? "refused" : "failed";
        }
        return verdict instanceof ArchiveVerdict.Discarded ? "discarded" : "sent";
    }

    private static String whatHappened(ArchiveVerdict verdict) {
        if (verdict instanceof ArchiveVerdict.Failed f) {
            return f.whatHappened();
        }
        return verdict instanceof ArchiveVerdict.Discarded d ? d.whatHappened() : null;
    }
}
