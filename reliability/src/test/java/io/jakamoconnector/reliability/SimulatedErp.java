package io.jakamoconnector.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * An ERP that uses the connector's HTTP API ({@code erp: { type: http }}) the way a careful client does, over
 * {@code java.net.http} and nothing of the connector's own code, so a test sees the API exactly as an ERP would:
 * <ul>
 *   <li>{@link #submit}: {@code POST /documents} with a stable {@code Idempotency-Key} per document, sent again with
 *   the same key while the connection fails or the answer is a 5xx (a connector killed, restarting, or answering
 *   before it is ready), until an answer that settles it (202 or a 4xx problem) or the simulator's patience ends;</li>
 *   <li>{@link #status}: {@code GET /documents/{id}};</li>
 *   <li>{@link #inbox}: {@code GET /inbox}, and {@link #ack}: {@code POST /inbox/{id}/ack}, both retried the same
 *   way (an ack is idempotent by the API's contract);</li>
 *   <li>{@code Authorization: Bearer <key>} on every call.</li>
 * </ul>
 * Every answer is checked against the API's contract (the shared spec of issue 18): status code, content type, the
 * JSON fields and their types, {@code Location} and {@code status} of a 202, RFC 9457 problem fields, the same id for
 * the same key. An answer that breaks it is an {@link AssertionError} naming the call and what came back, so a test
 * fails on the first wrong answer rather than on a count at its end.
 * <p>
 * The pause between two tries of a failed call is the client's backoff (50 ms doubling to 500 ms), not a wait for an
 * event: the event a retry waits for is the connector answering again.
 */
public final class SimulatedErp {
    /** The states {@code GET /documents/{id}} may report. */
    public static final Set<String> STATES = Set.of("received", "pending", "sending", "sent", "refused", "failed",
            "dead", "in-doubt", "discarded");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI base;
    private final String integration;
    private final String apiKey;
    private final Duration patience;
    private final Map<String, String> idByKey;

    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong connectionFailures = new AtomicLong();
    private final AtomicLong serverErrors = new AtomicLong();
    private final AtomicLong inFlight = new AtomicLong();

    /**
     * @param base        the listener, e.g. {@code http://127.0.0.1:8470}
     * @param integration the integration's name in the path
     * @param apiKey      the key itself (the configuration holds only its SHA-256)
     * @param patience    how long one call keeps being retried across connection failures and 5xx answers
     */
    public SimulatedErp(URI base, String integration, String apiKey, Duration patience) {
        this(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2))
                .build(), base, integration, apiKey, patience, new ConcurrentHashMap<>());
    }

    private SimulatedErp(HttpClient http, URI base, String integration, String apiKey, Duration patience,
                         Map<String, String> idByKey) {
        this.http = http;
        this.base = base;
        this.integration = integration;
        this.apiKey = apiKey;
        this.patience = patience;
        this.idByKey = idByKey;
    }

    /** The same ERP with another key (a rotated one, or a wrong one to see the refusal). */
    public SimulatedErp withKey(String otherKey) {
        return new SimulatedErp(http, base, integration, otherKey, patience, idByKey);
    }

    /** The path of this integration's API: {@code /erp/v1/integrations/<name>}. */
    public String root() {
        return "/erp/v1/integrations/" + integration;
    }

    // ---- the calls

    /** What a submission came to: {@code 202} with the document's id, or a problem ({@code status} ≥ 400). */
    public record Submission(int status, String id, JsonNode problem) {
        public boolean accepted() {
            return status == 202;
        }
    }

    /**
     * Hands the ERP's document over under {@code idempotencyKey}; retried with the same key until the connector
     * settles it. A 202 must name the document's id in the body and {@code Location}; the same key must always get
     * the same id.
     */
    public Submission submit(String idempotencyKey, byte[] xml) throws InterruptedException {
        if (!KEY.matcher(idempotencyKey).matches()) {
            throw new IllegalArgumentException("idempotency key " + idempotencyKey + " breaks the API's own rule");
        }
        HttpRequest request = authorized(root() + "/documents")
                .header("Content-Type", "application/xml")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofByteArray(xml)).build();
        HttpResponse<byte[]> answer = call(request);
        String what = "POST documents (key " + idempotencyKey + ")";
        if (answer.statusCode() != 202) {
            return new Submission(answer.statusCode(), null, problem(what, answer));
        }
        JsonNode body = json(what, answer, "application/json");
        String id = text(what, body, "id", false);
        String statusPath = root() + "/documents/" + id;
        check(what, answer, statusPath.equals(text(what, body, "status", false)),
                "\"status\" must be " + statusPath);
        String location = answer.headers().firstValue("Location").orElse(null);
        check(what, answer, location != null && (location.equals(statusPath) || location.endsWith("//"
                + base.getAuthority() + statusPath)), "Location must name " + statusPath + ", was " + location);
        String earlier = idByKey.putIfAbsent(idempotencyKey, id);
        check(what, answer, earlier == null || earlier.equals(id),
                "the same Idempotency-Key must keep its id: " + earlier + " before, " + id + " now");
        return new Submission(202, id, null);
    }

    /** The connector's record of a document, as {@code GET /documents/{id}} shows it. */
    public record DocumentStatus(String id, String state, int attempts, String answer, String documentType,
                                 String businessKey, Instant receivedAt) {
    }

    /** {@code GET /documents/{id}}: 200 with the record, or an {@link AssertionError} for anything else. */
    public DocumentStatus status(String id) throws InterruptedException {
        HttpResponse<byte[]> answer = call(authorized(root() + "/documents/" + id).GET().build());
        String what = "GET documents/" + id;
        check(what, answer, answer.statusCode() == 200, "expected 200");
        JsonNode body = json(what, answer, "application/json");
        check(what, answer, id.equals(text(what, body, "id", false)), "\"id\" must be " + id);
        String state = text(what, body, "state", false);
        check(what, answer, STATES.contains(state), "\"state\" must be one of " + STATES);
        JsonNode attempts = field(what, body, "attempts");
        check(what, answer, attempts.isInt() && attempts.asInt() >= 0, "\"attempts\" must be a whole number ≥ 0");
        String received = text(what, body, "receivedAt", false);
        return new DocumentStatus(id, state, attempts.asInt(), text(what, body, "answer", true),
                text(what, body, "documentType", true), text(what, body, "businessKey", true),
                Instant.parse(received));
    }

    /** A message for the ERP as {@code GET /inbox} shows it, its body decoded. */
    public record InboxMessage(String id, String cursor, String type, String businessKey, Instant receivedAt,
                               String contentType, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    public record InboxPage(List<InboxMessage> messages, String next) {
    }

    /** {@code GET /inbox}, from the oldest unacknowledged message ({@code after} null) or after a cursor. */
    public InboxPage inbox(String after, int limit) throws InterruptedException {
        String query = "?limit=" + limit + (after == null ? "" : "&after=" + after);
        HttpResponse<byte[]> answer = call(authorized(root() + "/inbox" + query).GET().build());
        String what = "GET inbox" + query;
        check(what, answer, answer.statusCode() == 200, "expected 200");
        JsonNode body = json(what, answer, "application/json");
        JsonNode list = field(what, body, "messages");
        check(what, answer, list.isArray(), "\"messages\" must be an array");
        check(what, answer, list.size() <= limit, "at most " + limit + " messages");
        List<InboxMessage> messages = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (JsonNode m : list) {
            String id = text(what, m, "id", false);
            check(what, answer, ids.add(id), "message " + id + " twice on one page");
            String encoding = text(what, m, "encoding", false);
            String raw = text(what, m, "body", false);
            byte[] bytes;
            if (encoding.equals("utf-8")) {
                bytes = raw.getBytes(StandardCharsets.UTF_8);
            } else {
                check(what, answer, encoding.equals("base64"), "\"encoding\" must be utf-8 or base64");
                bytes = Base64.getDecoder().decode(raw);
            }
            messages.add(new InboxMessage(id, text(what, m, "cursor", false), text(what, m, "type", false),
                    text(what, m, "businessKey", true), Instant.parse(text(what, m, "receivedAt", false)),
                    text(what, m, "contentType", false), bytes));
        }
        String next = text(what, body, "next", true);
        return new InboxPage(List.copyOf(messages), next);
    }

    /** {@code POST /inbox/{id}/ack}: true on 204 (acknowledged now or before), false on 404 (no such message). */
    public boolean ack(String messageId) throws InterruptedException {
        HttpResponse<byte[]> answer = call(authorized(root() + "/inbox/" + messageId + "/ack")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        String what = "POST inbox/" + messageId + "/ack";
        if (answer.statusCode() == 404) {
            problem(what, answer);
            return false;
        }
        check(what, answer, answer.statusCode() == 204, "expected 204 or 404");
        check(what, answer, answer.body().length == 0, "a 204 has no body");
        return true;
    }

    /** One try, no retry, for a test that wants the raw answer (a refusal): status and body. */
    public HttpResponse<byte[]> once(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A request to this integration's API with the key, for {@link #once}. */
    public HttpRequest.Builder request(String pathBelowRoot) {
        return authorized(root() + pathBelowRoot);
    }

    // ---- counters, for a test's anchors and its summary line

    /** Calls begun, retries included. */
    public long calls() {
        return calls.get();
    }

    /** Calls that got an answer that settles them (anything but a 5xx). */
    public long answered() {
        return answered.get();
    }

    public long connectionFailures() {
        return connectionFailures.get();
    }

    public long serverErrors() {
        return serverErrors.get();
    }

    /** Calls on the wire right now. */
    public long inFlight() {
        return inFlight.get();
    }

    // ---- the client's mechanics

    private HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + apiKey);
    }

    /** Sends until an answer that is not a 5xx; a failed connection or a 5xx is tried again within the patience. */
    private HttpResponse<byte[]> call(HttpRequest request) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        long backoff = 50;
        while (true) {
            calls.incrementAndGet();
            inFlight.incrementAndGet();
            String failure;
            try {
                HttpResponse<byte[]> answer = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                if (answer.statusCode() < 500) {
                    answered.incrementAndGet();
                    return answer;
                }
                serverErrors.incrementAndGet();
                failure = answer.statusCode() + " " + new String(answer.body(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                connectionFailures.incrementAndGet();
                failure = e.toString();
            } finally {
                inFlight.decrementAndGet();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(request.method() + " " + request.uri() + " still failing after " + patience
                        + ": " + failure);
            }
            Thread.sleep(backoff);
            backoff = Math.min(500, backoff * 2);
        }
    }

    /** A 4xx answer must be an RFC 9457 problem: application/problem+json with type, title, status, detail. */
    private static JsonNode problem(String what, HttpResponse<byte[]> answer) {
        check(what, answer, answer.statusCode() >= 400 && answer.statusCode() < 500, "expected a 4xx problem");
        JsonNode body = json(what, answer, "application/problem+json");
        text(what, body, "type", false);
        text(what, body, "title", false);
        text(what, body, "detail", false);
        check(what, answer, field(what, body, "status").asInt() == answer.statusCode(),
                "the problem's \"status\" must be the answer's");
        if (answer.statusCode() == 422) {
            check(what, answer, field(what, body, "errors").isArray(), "a 422 problem has an \"errors\" array");
        }
        return body;
    }

    private static JsonNode json(String what, HttpResponse<byte[]> answer, String mediaType) {
        String type = answer.headers().firstValue("Content-Type").orElse("");
        check(what, answer, type.toLowerCase(java.util.Locale.ROOT).startsWith(mediaType),
                "Content-Type must be " + mediaType + ", was " + type);
        try {
            JsonNode body = JSON.readTree(answer.body());
            check(what, answer, body != null && body.isObject(), "the body must be a JSON object");
            return body;
        } catch (IOException e) {
            throw new AssertionError(what + ": the body is no JSON: " + describe(answer), e);
        }
    }

    private static JsonNode field(String what, JsonNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null) {
            throw new AssertionError(what + ": no \"" + name + "\" in " + body);
        }
        return value;
    }

    /** A text field, which must be there; null only where {@code nullable}. */
    private static String text(String what, JsonNode body, String name, boolean nullable) {
        JsonNode value = field(what, body, name);
        if (value.isNull() && nullable) {
            return null;
        }
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new AssertionError(what + ": \"" + name + "\" must be " + (nullable ? "null or " : "")
                    + "non-empty text in " + body);
        }
        return value.asText();
    }

    private static void check(String what, HttpResponse<byte[]> answer, boolean holds, String rule) {
        if (!holds) {
            throw new AssertionError(what + ": " + rule + "; got " + describe(answer));
        }
    }

    private static String describe(HttpResponse<byte[]> answer) {
        return answer.statusCode() + " " + answer.headers().map() + " "
                + new String(answer.body(), StandardCharsets.UTF_8);
    }
}
