package io.jakamoconnector.sandbox;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The HTTP twin of the Java API, for a sandbox running standalone: {@code /_sandbox/…} on the API port, answering
 * JSON. Parameters come as query string or form body. It needs no credentials: the sandbox listens on loopback only.
 * It never shows a secret or a token.
 */
final class ControlApi {
    private final Sandbox sandbox;

    ControlApi(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    Reply handle(Call call) {
        List<String> s = call.segments().subList(1, call.segments().size());
        Map<String, String> p = call.parameters();
        String m = call.method;
        try {
            if (s.isEmpty() && m.equals("GET")) {
                return json(status());
            }
            if (s.size() == 1 && s.get(0).equals("journal")) {
                if (m.equals("GET")) {
                    return json(journal());
                }
                if (m.equals("DELETE")) {
                    sandbox.journal().clear();
                    return json(Map.of("cleared", true));
                }
            }
            if (s.size() == 3 && s.get(0).equals("journal") && s.get(1).equals("documents") && m.equals("GET")) {
                long sequence = Long.parseLong(s.get(2));
                return sandbox.journal().documents().stream().filter(d -> d.sequence() == sequence).findFirst()
                        .map(d -> Reply.of(200, d.kind() == DocumentRecord.Kind.ATTACHMENT ? "application/octet-stream" : Reply.XML, d.content()))
                        .orElseGet(() -> error(404, "no document with sequence " + sequence));
            }
            if (s.size() == 1 && s.get(0).equals("faults")) {
                if (m.equals("GET")) {
                    return json(Map.of("rules", sandbox.faults().rules().stream().map(Object::toString).toList()));
                }
                if (m.equals("DELETE")) {
                    sandbox.faults().clear();
                    return json(Map.of("cleared", true));
                }
                if (m.equals("POST")) {
                    Faults.ActiveRule rule = sandbox.faults().inject(faultRule(p));
                    return json(Map.of("added", rule.toString()));
                }
            }
            if (s.size() == 1 && s.get(0).equals("settings") && m.equals("POST")) {
                settings(p);
                return json(status());
            }
            if (s.size() == 3 && s.get(0).equals("integrations") && m.equals("POST")) {
                return json(integrationAction(s.get(1), s.get(2), p, call.body));
            }
            if (s.size() == 3 && s.get(0).equals("integrations") && s.get(2).equals("queue") && m.equals("GET")) {
                return json(Map.of("messages", sandbox.jakamo().queue(s.get(1)).stream().map(ControlApi::message).toList()));
            }
            if (s.size() == 3 && s.get(0).equals("apps") && m.equals("POST")) {
                appAction(s.get(1), s.get(2));
                return json(Map.of("done", s.get(2)));
            }
            if (s.size() == 2 && s.get(0).equals("signing-key") && s.get(1).equals("rotate") && m.equals("POST")) {
                sandbox.entra().rotateSigningKey();
                return json(Map.of("rotated", true));
            }
            return error(404, "unknown control request " + m + " " + call.path() + "; GET /_sandbox/ shows what exists");
        } catch (IllegalArgumentException e) {
            return error(400, e.getMessage());
        }
    }

    private Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("tenantId", sandbox.tenantId());
        status.put("authority", sandbox.authority());
        status.put("oidcAuthority", sandbox.oidcAuthority());
        status.put("scope", sandbox.scope());
        status.put("apiBaseUrl", sandbox.apiBaseUri().toString());
        List<Map<String, Object>> apps = new ArrayList<>();
        for (AppRegistration app : sandbox.entra().apps()) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("clientId", app.clientId());
            a.put("displayName", app.displayName());
            a.put("roles", app.roles());
            a.put("integration", app.integration());
            a.put("approvedAt", app.approvedAt() == null ? null : app.approvedAt().toString());
            a.put("secretExpiresAt", app.secretExpiresAt() == null ? null : app.secretExpiresAt().toString());
            apps.add(a);
        }
        status.put("apps", apps);
        List<Map<String, Object>> integrations = new ArrayList<>();
        for (Integration integration : sandbox.jakamo().integrations()) {
            Map<String, Object> i = new LinkedHashMap<>();
            i.put("name", integration.name());
            i.put("kind", integration.kind().configName());
            i.put("queueSize", integration.queueSize());
            i.put("basicAuthAllowed", integration.basicAuthAllowed());
            i.put("mappedClientIds", integration.mappedClientIds());
            integrations.add(i);
        }
        status.put("integrations", integrations);
        FakeJakamo j = sandbox.jakamo();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("emptyQueue", j.emptyQueueAnswer().name());
        settings.put("changeVerb", j.changeVerb().name());
        settings.put("callbackBase", j.callbackBase());
        settings.put("ackUris", j.ackUris().name());
        settings.put("unknownPath", j.unknownPathAnswer().name());
        settings.put("repeatedAck", j.repeatedAck().name());
        settings.put("duplicateOrders", j.duplicateOrders().name());
        settings.put("requireKnownOrders", j.requireKnownOrders());
        settings.put("supplierReply", j.supplierReply().name());
        settings.put("supplierDelayMs", j.supplierDelay().toMillis());
        settings.put("claimReply", j.claimReply().name());
        settings.put("tokenLifetimeSeconds", sandbox.entra().tokenLifetime().toSeconds());
        status.put("settings", settings);
        status.put("faults", sandbox.faults().rules().stream().map(Object::toString).toList());
        return status;
    }

    private Map<String, Object> journal() {
        Journal journal = sandbox.journal();
        Map<String, Object> out = new LinkedHashMap<>();
        List<Map<String, Object>> requests = new ArrayList<>();
        for (RequestRecord r : journal.requests()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("sequence", r.sequence());
            m.put("server", r.server());
            m.put("endpoint", r.endpoint().name());
            m.put("method", r.method());
            m.put("path", r.path());
            m.put("status", r.status());
            m.put("startedAt", r.startedAt().toString());
            m.put("endedAt", r.endedAt().toString());
            m.put("tokenFingerprint", r.tokenFingerprint());
            m.put("clientId", r.clientId());
            m.put("integration", r.integration());
            m.put("messageId", r.messageId());
            m.put("fault", r.fault());
            m.put("detail", r.detail());
            requests.add(m);
        }
        out.put("requests", requests);
        List<Map<String, Object>> documents = new ArrayList<>();
        for (DocumentRecord d : journal.documents()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("sequence", d.sequence());
            m.put("receivedAt", d.receivedAt().toString());
            m.put("kind", d.kind().name());
            m.put("endpoint", d.endpoint().name());
            m.put("method", d.method());
            m.put("integration", d.integration());
            m.put("rootElement", d.rootElement());
            m.put("documentNumber", d.documentNumber());
            m.put("fileName", d.fileName());
            m.put("bytes", d.content().length);
            m.put("sha256", d.sha256());
            m.put("content", "/_sandbox/journal/documents/" + d.sequence());
            documents.add(m);
        }
        out.put("documents", documents);
        List<Map<String, Object>> acks = new ArrayList<>();
        for (AckRecord a : journal.acknowledgements()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("sequence", a.sequence());
            m.put("at", a.at().toString());
            m.put("integration", a.integration());
            m.put("messageId", a.messageId());
            m.put("rootElement", a.rootElement());
            m.put("documentNumber", a.documentNumber());
            m.put("deliveries", a.deliveries());
            m.put("alreadyCleared", a.alreadyCleared());
            acks.add(m);
        }
        out.put("acknowledgements", acks);
        return out;
    }

    static FaultRule faultRule(Map<String, String> p) {
        Endpoint endpoint = parseEnum(Endpoint.class, required(p, "endpoint"), "endpoint");
        String kind = required(p, "fault").toLowerCase(Locale.ROOT).replace('_', '-');
        int retryAfter = Integer.parseInt(p.getOrDefault("retryAfter", "0"));
        Duration duration = p.containsKey("ms") ? Duration.ofMillis(Long.parseLong(p.get("ms"))) : null;
        Fault fault = switch (kind) {
            case "latency" -> Fault.latency(duration == null ? Duration.ofSeconds(1) : duration);
            case "hang" -> duration == null ? Fault.hang() : Fault.hang(duration);
            case "reset", "connection-reset" -> Fault.connectionReset();
            case "empty", "empty-response" -> Fault.emptyResponse();
            case "malformed", "malformed-body" -> Fault.malformedBody();
            case "truncated", "truncated-body" -> Fault.truncatedBody();
            case "429", "too-many-requests" -> Fault.tooManyRequests(retryAfter);
            case "5xx", "server-error" -> Fault.serverError(Integer.parseInt(p.getOrDefault("status", "500")), retryAfter);
            default -> {
                if (kind.matches("5\\d\\d")) {
                    yield Fault.serverError(Integer.parseInt(kind), retryAfter);
                }
                throw new IllegalArgumentException("fault: one of latency, hang, reset, empty, malformed, truncated, 429, 5xx");
            }
        };
        if (Boolean.parseBoolean(p.getOrDefault("after", "false"))) {
            fault = fault.afterProcessing();
        }
        int times = Integer.parseInt(p.getOrDefault("times", Integer.toString(FaultRule.UNLIMITED)));
        double probability = Double.parseDouble(p.getOrDefault("probability", "1.0"));
        return new FaultRule(endpoint, fault, times, probability);
    }

    private void settings(Map<String, String> p) {
        FakeJakamo j = sandbox.jakamo();
        if (p.containsKey("emptyQueue")) {
            String v = p.get("emptyQueue");
            j.emptyQueueAnswer(switch (v) {
                case "200" -> EmptyQueueAnswer.STATUS_BODY_200;
                case "204" -> EmptyQueueAnswer.NO_CONTENT_204;
                case "404" -> EmptyQueueAnswer.NOT_FOUND_404;
                default -> parseEnum(EmptyQueueAnswer.class, v, "emptyQueue");
            });
        }
        if (p.containsKey("changeVerb")) {
            String v = p.get("changeVerb").toUpperCase(Locale.ROOT);
            j.changeVerb(v.equals("PUT") ? ChangeVerb.PUT_ONLY : v.equals("POST") ? ChangeVerb.POST_ONLY : parseEnum(ChangeVerb.class, v, "changeVerb"));
        }
        if (p.containsKey("repeatedAck")) {
            j.repeatedAck(parseEnum(RepeatedAck.class, p.get("repeatedAck"), "repeatedAck"));
        }
        if (p.containsKey("duplicateOrders")) {
            j.duplicateOrders(parseEnum(DuplicateOrders.class, p.get("duplicateOrders"), "duplicateOrders"));
        }
        if (p.containsKey("requireKnownOrders")) {
            j.requireKnownOrders(Boolean.parseBoolean(p.get("requireKnownOrders")));
        }
        if (p.containsKey("supplierReply")) {
            j.supplierReply(parseEnum(SupplierReply.class, p.get("supplierReply"), "supplierReply"));
        }
        if (p.containsKey("supplierDelayMs")) {
            j.supplierDelay(Duration.ofMillis(Long.parseLong(p.get("supplierDelayMs"))));
        }
        if (p.containsKey("claimReply")) {
            j.claimReply(parseEnum(ClaimReply.class, p.get("claimReply"), "claimReply"));
        }
        if (p.containsKey("callbackBase")) {
            j.callbackBase(p.get("callbackBase").isBlank() ? null : p.get("callbackBase"));
        }
        if (p.containsKey("ackUris")) {
            String v = p.get("ackUris").toUpperCase(Locale.ROOT).replace('-', '_');
            j.ackUris(parseEnum(AckUris.class, v, "ackUris"));
        }
        if (p.containsKey("unknownPath")) {
            String v = p.get("unknownPath");
            j.unknownPathAnswer(v.equalsIgnoreCase("empty") ? UnknownPathAnswer.EMPTY_404
                    : parseEnum(UnknownPathAnswer.class, v, "unknownPath"));
        }
        if (p.containsKey("tokenLifetimeSeconds")) {
            sandbox.entra().tokenLifetime(Duration.ofSeconds(Long.parseLong(p.get("tokenLifetimeSeconds"))));
        }
    }

    private Map<String, Object> integrationAction(String integration, String action, Map<String, String> p, byte[] body) {
        FakeJakamo j = sandbox.jakamo();
        QueueMessage message = switch (action) {
            case "sales-orders" -> Boolean.parseBoolean(p.getOrDefault("change", "false"))
                    ? j.placeSalesOrderChange(integration, required(p, "orderNumber"))
                    : j.placeSalesOrder(integration, required(p, "orderNumber"));
            case "messages" -> j.enqueue(integration, new String(body, StandardCharsets.UTF_8));
            case "attachments" -> j.enqueueAttachment(integration, required(p, "orderNumber"), required(p, "fileName"), body);
            case "confirm" -> j.confirmOrder(integration, required(p, "orderNumber"),
                    parseEnum(SupplierReply.class, p.getOrDefault("reply", j.supplierReply().name()), "reply"));
            default -> throw new IllegalArgumentException("action: one of sales-orders, messages, attachments, confirm");
        };
        return Map.of("enqueued", message(message));
    }

    private void appAction(String clientId, String action) {
        FakeEntra entra = sandbox.entra();
        switch (action) {
            case "approve" -> entra.approve(clientId);
            case "revoke-approval" -> entra.revokeApproval(clientId);
            case "expire-secrets" -> entra.expireSecrets(clientId);
            case "delete" -> entra.deleteApp(clientId);
            default -> throw new IllegalArgumentException("action: one of approve, revoke-approval, expire-secrets, delete");
        }
    }

    private static Map<String, Object> message(QueueMessage q) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", q.id());
        m.put("integration", q.integration());
        m.put("rootElement", q.rootElement());
        m.put("documentNumber", q.documentNumber());
        m.put("bytes", q.body().length);
        m.put("enqueuedAt", q.enqueuedAt().toString());
        m.put("deliveries", q.deliveries());
        return m;
    }

    private static String required(Map<String, String> p, String name) {
        String value = p.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + ": required");
        }
        return value;
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String value, String name) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": one of " + java.util.Arrays.toString(type.getEnumConstants()), e);
        }
    }

    private static Reply json(Map<String, ?> body) {
        return Reply.json(200, JSONObjectUtils.toJSONString(body));
    }

    private static Reply error(int status, String message) {
        return Reply.json(status, JSONObjectUtils.toJSONString(Map.of("error", message == null ? "bad request" : message)));
    }
}
