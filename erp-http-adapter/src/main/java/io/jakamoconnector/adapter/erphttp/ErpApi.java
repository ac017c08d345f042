package io.jakamoconnector.adapter.erphttp;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.model.document.Sha256;
import io.jakamoconnector.domain.model.exchange.ErpDocumentRef;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.sync.OutboundRecord;
import io.jakamoconnector.domain.model.sync.OutboundState;
import io.jakamoconnector.domain.plugin.ErpContext;
import io.jakamoconnector.domain.plugin.HandOverVerdict;
import io.jakamoconnector.domain.port.out.ArchiveVerdict;
import io.jakamoconnector.domain.port.out.PortFailureException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each call of the API does, apart from HTTP plumbing ({@link ErpApiServer}): documents in through the spool,
 * their status, the inbox with cursor and acknowledgement. Every call that presented a valid key is audited as
 * {@code ERP_CALL_SERVED} with the key's id as actor; every call without one as {@code ERP_CALL_REFUSED} with the
 * caller's address. Neither ever holds the key.
 */
final class ErpApi {
    private static final Logger LOG = LoggerFactory.getLogger(ErpApi.class);
    static final String BASE = "/erp/v1/integrations/";
    static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    static final Pattern DOCUMENT_ID = Pattern.compile("[0-9a-f]{32}");
    private static final String REFUSED_ACTOR = "erp-api";

    private final ErpContext context;
    private final Spools spools;
    private final Map<IntegrationName, ApiKeyCheck> keys;

    ErpApi(ErpContext context, Spools spools, Map<IntegrationName, ApiKeyCheck> keys) {
        this.context = context;
        this.spools = spools;
        this.keys = Map.copyOf(keys);
    }

    /** The id of the key the caller presents for {@code integration}; empty for an integration this API does not serve. */
    Optional<String> authenticate(Optional<IntegrationName> integration, String authorization) {
        return integration.map(keys::get).flatMap(check -> check.keyId(authorization));
    }

    void refused(Optional<IntegrationName> integration, String method, String path, String remote) {
        // the path is the caller's text: bounded and stripped of control characters by the audit event
        audit(AuditEvent.builder(AuditAction.ERP_CALL_REFUSED, AuditOutcome.DENIED).actor(REFUSED_ACTOR)
                .integration(integration.orElse(null))
                .reason(method + " " + path + ": 401, no valid API key, from " + remote));
        LOG.info("ERP API: refused {} {} from {}: no valid API key", method, path, remote);
    }

    /** Checks what can be checked before the body is read; empty when the body is to be read. */
    Optional<Reply> beforeBody(String contentType, String idempotencyKey, long contentLength, int maxBody) {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!type.equals("application/xml") && !type.equals("text/xml")) {
            return Optional.of(Problems.of(415, "unsupported-media-type", "Not XML",
                    "send the document with Content-Type: application/xml (or text/xml)"));
        }
        if (idempotencyKey == null || !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            return Optional.of(Problems.of(400, "idempotency-key", "Idempotency-Key missing or malformed",
                    "send an Idempotency-Key header of 1 to 128 characters A-Z a-z 0-9 . _ : - that names this "
                            + "document, e.g. the ERP's document number; the same key again is the same document"));
        }
        if (contentLength > maxBody) {
            return Optional.of(tooLarge(maxBody));
        }
        return Optional.empty();
    }

    static Reply tooLarge(int maxBody) {
        return Problems.of(413, "too-large", "Document too large",
                "a document may have at most " + maxBody + " bytes, as in the drop folders");
    }

    Reply postDocument(IntegrationName integration, String keyId, String idempotencyKey, byte[] body) {
        String id = documentId(idempotencyKey);
        String name = id + ".xml";
        Sha256 sha = Sha256.of(body);
        DocumentSpool spool = spools.spool(integration);
        Reply reply;
        String what;
        try {
            Optional<DocumentSpool.Spooled> known = spool.find(name);
            if (known.isPresent()) {
                boolean same = known.get().sha256().equals(sha);
                reply = same ? accepted(integration, id) : conflict();
                what = same ? "the same document again, kept once" : "refused: another body under the same key";
            } else {
                HandOverVerdict verdict = context.judge(integration, body);
                if (verdict instanceof HandOverVerdict.Refused r) {
                    reply = Problems.refused(r.reason(), r.advice(), r.problems());
                    what = "refused by validation: " + r.reason();
                } else {
                    HandOverVerdict.Acceptable ok = (HandOverVerdict.Acceptable) verdict;
                    DocumentSpool.Acceptance result = spool.accept(name, body, context.clock().instant(),
                            Optional.of(ok.type().rootName().orElse(ok.type().label())), Optional.empty());
                    reply = result == DocumentSpool.Acceptance.CONFLICT ? conflict() : accepted(integration, id);
                    what = result == DocumentSpool.Acceptance.NEW ? "accepted and kept"
                            : result == DocumentSpool.Acceptance.SAME ? "the same document again, kept once"
                            : "refused: another body under the same key";
                }
            }
        } catch (IOException e) {
            return unavailable(integration, keyId, "POST documents", AccessFailures.of("keep the document", e));
        } catch (PortFailureException e) {
            return unavailable(integration, keyId, "POST documents", e);
        }
        served(integration, keyId, reply.status(), "POST documents " + id + ": " + what, name, sha);
        return reply;
    }

    private static Reply conflict() {
        return Problems.of(409, "idempotency-conflict", "Another document under this Idempotency-Key",
                "this Idempotency-Key already names a document with other content; a changed document needs a new "
                        + "key");
    }

    private static Reply accepted(IntegrationName integration, String id) {
        String status = BASE + integration.value() + "/documents/" + id;
        ObjectNode node = EntryFiles.JSON.createObjectNode();
        node.put("id", id);
        node.put("status", status);
        return Reply.json(202, node).with("Location", status);
    }

    /** The document id an Idempotency-Key names: the same key, the same id; nothing of the key can be read back. */
    static String documentId(String idempotencyKey) {
        byte[] hash = ApiKeyCheck.sha256(("erp-http document:" + idempotencyKey).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(hash).substring(0, 32);
    }

    Reply status(IntegrationName integration, String keyId, String id) {
        Reply reply;
        if (!DOCUMENT_ID.matcher(id).matches()) {
            reply = Problems.notFound("no document " + id + " here; ids are the ones POST /documents answered");
        } else {
            String name = id + ".xml";
            try {
                Optional<DocumentSpool.Spooled> spooled = spools.spool(integration).find(name);
                Optional<OutboundRecord> record = context.document(integration, new ErpDocumentRef(name));
                reply = spooled.isEmpty() && record.isEmpty()
                        ? Problems.notFound("no document " + id + " here; ids are the ones POST /documents answered")
                        : Reply.json(200, DocumentStatus.of(id, spooled, record));
            } catch (IOException e) {
                return unavailable(integration, keyId, "GET documents/" + id, AccessFailures.of("read the spool", e));
            } catch (PortFailureException e) {
                return unavailable(integration, keyId, "GET documents/" + id, e);
            }
        }
        served(integration, keyId, reply.status(), "GET documents/" + id, null, null);
        return reply;
    }

    Reply inbox(IntegrationName integration, String keyId, String after, String limit) {
        Reply reply;
        long afterSeq = 0;
        int max = 10;
        try {
            if (after != null) {
                afterSeq = Long.parseLong(after);
                if (afterSeq < 0) {
                    throw new NumberFormatException();
                }
            }
            if (limit != null) {
                max = Integer.parseInt(limit);
            }
        } catch (NumberFormatException e) {
            afterSeq = -1;
        }
        if (afterSeq < 0 || max < 1 || max > 100) {
            reply = Problems.of(400, "bad-query", "Bad cursor or limit",
                    "after must be a cursor this API answered, limit a whole number from 1 to 100");
        } else {
            try {
                List<MessageInbox.Message> messages = spools.inbox(integration).after(afterSeq, max);
                ObjectNode node = EntryFiles.JSON.createObjectNode();
                ArrayNode list = node.putArray("messages");
                for (MessageInbox.Message m : messages) {
                    list.add(message(m));
                }
                if (messages.isEmpty()) {
                    node.putNull("next");
                } else {
                    node.put("next", Long.toString(messages.get(messages.size() - 1).seq()));
                }
                reply = Reply.json(200, node);
            } catch (IOException e) {
                return unavailable(integration, keyId, "GET inbox", AccessFailures.of("read the inbox", e));
            }
        }
        served(integration, keyId, reply.status(), "GET inbox after " + (after == null ? "the start" : after), null,
                null);
        return reply;
    }

    private static ObjectNode message(MessageInbox.Message m) {
        ObjectNode node = EntryFiles.JSON.createObjectNode();
        node.put("id", m.name());
        node.put("cursor", Long.toString(m.seq()));
        node.put("type", m.type());
        node.put("businessKey", m.businessKey().orElse(null));
        node.put("receivedAt", m.receivedAt().toString());
        node.put("contentType", m.contentType());
        Optional<String> text = m.contentType().endsWith("xml") ? utf8(m.body()) : Optional.empty();
        node.put("encoding", text.isPresent() ? "utf-8" : "base64");
        node.put("body", text.orElseGet(() -> Base64.getEncoder().encodeToString(m.body())));
        return node;
    }

    private static Optional<String> utf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    Reply ack(IntegrationName integration, String keyId, String id) {
        Reply reply;
        if (!Spools.NAME.matcher(id).matches()) {
            reply = Problems.notFound("no message " + id + " in the inbox");
        } else {
            try {
                MessageInbox.Ack ack = spools.inbox(integration).acknowledge(id, context.clock().instant());
                reply = ack == MessageInbox.Ack.UNKNOWN ? Problems.notFound("no message " + id + " in the inbox")
                        : Reply.empty(204);
            } catch (IOException e) {
                return unavailable(integration, keyId, "POST inbox/" + id + "/ack",
                        AccessFailures.of("acknowledge the message", e));
            }
        }
        served(integration, keyId, reply.status(), "POST inbox/" + id + "/ack", id, null);
        return reply;
    }

    private Reply unavailable(IntegrationName integration, String keyId, String call, PortFailureException e) {
        LOG.warn("ERP API: {} of integration {} failed: {}", call, integration, e.getMessage());
        served(integration, keyId, 503, call + ": " + e.getMessage(), null, null);
        return Problems.of(503, "unavailable", "Cannot do that now",
                "the connector could not use its spool; retry later, and tell its operators (their log says why)")
                .with("Retry-After", "30");
    }

    private void served(IntegrationName integration, String keyId, int status, String what, String fileName,
                        Sha256 sha) {
        AuditEvent.Builder event = AuditEvent.builder(AuditAction.ERP_CALL_SERVED,
                        status < 400 ? AuditOutcome.OK : AuditOutcome.FAIL)
                .actor("erp-key:" + keyId).integration(integration).reason(what + " -> " + status);
        if (fileName != null) {
            event = event.fileName(fileName);
        }
        if (sha != null) {
            event = event.sha256(sha);
        }
        audit(event);
    }

    private void audit(AuditEvent.Builder event) {
        context.audit(event);
    }

    static boolean isVerdictRefusal(ArchiveVerdict verdict) {
        return verdict instanceof ArchiveVerdict.Failed f
                && (f.delivery() == ArchiveVerdict.Delivery.NOT_SENT
                || f.delivery() == ArchiveVerdict.Delivery.REFUSED_BY_JAKAMO);
    }

    static String state(OutboundState state) {
        return state == OutboundState.IN_DOUBT ? "in-doubt" : state.name().toLowerCase(Locale.ROOT);
    }
}
