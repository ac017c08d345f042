package io.jakamoconnector.adapter.erphttp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jakamoconnector.domain.port.out.ArchiveVerdict;

/** An {@link ArchiveVerdict} as the spool keeps it beside an archived document. */
final class VerdictJson {
    private VerdictJson() {
    }

    static ObjectNode write(ArchiveVerdict verdict) {
        ObjectNode node = EntryFiles.JSON.createObjectNode();
        if (verdict instanceof ArchiveVerdict.Failed f) {
            node.put("kind", "failed");
            node.put("delivery", f.delivery().name());
            node.put("whatHappened", f.whatHappened());
            node.put("whatToDo", f.whatToDo());
        } else if (verdict instanceof ArchiveVerdict.Discarded d) {
            node.put("kind", "discarded");
            node.put("whatHappened", d.whatHappened());
            node.put("whatToDo", d.whatToDo());
        } else {
            node.put("kind", "processed");
        }
        return node;
    }

    static ArchiveVerdict read(JsonNode node) {
        return switch (node.path("kind").asText()) {
            case "failed" -> new ArchiveVerdict.Failed(ArchiveVerdict.Delivery.valueOf(node.path("delivery").asText()),
                    node.path("whatHappened").asText(null), node.path("whatToDo").asText(null));
            case "discarded" -> new ArchiveVerdict.Discarded(node.path("whatHappened").asText(null),
                    node.path("whatToDo").asText(null));
            default -> new ArchiveVerdict.Processed();
        };
    }
}
