package io.jakamoconnector.adapter.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.document.DocumentType;
import io.jakamoconnector.domain.model.document.Sha256;
import io.jakamoconnector.domain.model.exchange.ErpDocumentRef;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.sync.OutboundRecord;
import io.jakamoconnector.domain.model.sync.OutboundState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ActionsTest {

    /** The console offers what the document's state type allows, and nothing for a state that allows nothing. */
    @Test
    void aDocumentIsOfferedTheCorrectionsItsStateAllows() {
        assertThat(ids(doc(OutboundState.IN_DOUBT, 1, "node-a stopped", null)))
                .containsExactly("resolve-sent", "resolve-not-sent", "discard");
        assertThat(ids(doc(OutboundState.FAILED, 1, "422", null))).containsExactly("retry", "discard");
        assertThat(ids(doc(OutboundState.FAILED, 0, "unreadable", null))).as("retried with its corrected file")
                .containsExactly("retry", "discard");
        assertThat(ids(doc(OutboundState.DEAD, 5, "timeout", null))).containsExactly("retry", "discard");
        assertThat(ids(doc(OutboundState.PENDING, 1, "503", "node-a"))).isEmpty();
        assertThat(ids(doc(OutboundState.SENDING, 1, null, "node-a"))).isEmpty();
        assertThat(ids(doc(OutboundState.SENT, 1, "in doubt, resolved", null))).isEmpty();
        assertThat(ids(doc(OutboundState.DISCARDED, 1, "422", null))).isEmpty();
    }

    private static List<String> ids(OutboundRecord d) {
        return Actions.forDocument(d).stream().map(Views.Action::id).toList();
    }

    private static OutboundRecord doc(OutboundState state, int attempts, String error, String claimant) {
        return new OutboundRecord(3, new IntegrationName("orders"), new ErpDocumentRef("po-3.xml"),
                Sha256.of(new byte[] {3}), DocumentType.ORDER, Optional.of(new BusinessKey("PO-3")), state, attempts,
                Instant.parse("2026-03-01T10:00:00Z"), Optional.empty(), Optional.ofNullable(claimant),
                Optional.ofNullable(error), false);
    }
}
