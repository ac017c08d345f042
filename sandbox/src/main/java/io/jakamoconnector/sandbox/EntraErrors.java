package io.jakamoconnector.sandbox;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Error bodies in Entra ID's shape. MSAL fills {@code statusCode()} only when both {@code error} and
 * {@code error_description} are present, so every error carries both.
 */
final class EntraErrors {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private EntraErrors() {
    }

    static Reply error(Call call, Instant now, int status, String error, int code, String description) {
        String traceId = UUID.randomUUID().toString();
        String correlationId = correlationId(call);
        String timestamp = TIMESTAMP.format(now);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", "AADSTS" + code + ": " + description + " Trace ID: " + traceId
                + " Correlation ID: " + correlationId + " Timestamp: " + timestamp);
        body.put("error_codes", List.of(code));
        body.put("timestamp", timestamp);
        body.put("trace_id", traceId);
        body.put("correlation_id", correlationId);
        body.put("error_uri", "https://login.microsoftonline.com/error?code=" + code);
        call.detail = "AADSTS" + code;
        return headers(Reply.json(status, JSONObjectUtils.toJSONString(body)), call, traceId);
    }

    static Reply headers(Reply reply, Call call, String traceId) {
        Reply withHeaders = reply.withHeader("Cache-Control", "no-store, no-cache")
                .withHeader("Pragma", "no-cache")
                .withHeader("x-ms-request-id", traceId);
        String clientRequestId = call.header("client-request-id");
        return clientRequestId == null ? withHeaders : withHeaders.withHeader("client-request-id", clientRequestId);
    }

    static String correlationId(Call call) {
        String clientRequestId = call.header("client-request-id");
        return clientRequestId != null && clientRequestId.matches("[0-9a-fA-F-]{1,64}") ? clientRequestId : UUID.randomUUID().toString();
    }
}
