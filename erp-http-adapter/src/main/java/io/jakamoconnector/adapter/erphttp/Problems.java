package io.jakamoconnector.adapter.erphttp;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jakamoconnector.domain.model.validation.Problem;
import java.util.List;
import java.util.Map;

/** RFC 9457 problem details: {@code type}, {@code title}, {@code status}, {@code detail}; never a key or a body. */
final class Problems {
    static final String TYPE_PREFIX = "urn:jakamo-connector:erp-api:";

    private Problems() {
    }

    static Reply of(int status, String type, String title, String detail) {
        ObjectNode node = EntryFiles.JSON.createObjectNode();
        node.put("type", TYPE_PREFIX + type);
        node.put("title", title);
        node.put("status", status);
        node.put("detail", detail);
        return new Reply(status, Reply.PROBLEM, Reply.bytes(node), Map.of());
    }

    static Reply unauthorized() {
        return of(401, "unauthorized", "No valid API key",
                "send Authorization: Bearer <key> with a key configured for this integration")
                .with("WWW-Authenticate", "Bearer realm=\"jakamo-connector\"");
    }

    static Reply notFound(String detail) {
        return of(404, "not-found", "Not found", detail);
    }

    /** 422: what the core would refuse, with the validation's located problems. */
    static Reply refused(String reason, String advice, List<Problem> problems) {
        ObjectNode node = EntryFiles.JSON.createObjectNode();
        node.put("type", TYPE_PREFIX + "document-refused");
        node.put("title", "The connector would refuse this document");
        node.put("status", 422);
        node.put("detail", reason);
        node.put("advice", advice);
        ArrayNode errors = node.putArray("errors");
        for (Problem p : problems) {
            ObjectNode e = errors.addObject();
            e.put("severity", p.severity().name());
            e.put("rule", p.rule());
            e.put("line", p.line());
            e.put("column", p.column());
            e.put("path", p.path());
            e.put("found", p.found());
            e.put("expected", p.expected());
        }
        return new Reply(422, Reply.PROBLEM, Reply.bytes(node), Map.of());
    }
}
