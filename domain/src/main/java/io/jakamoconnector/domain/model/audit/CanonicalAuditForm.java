package io.jakamoconnector.domain.model.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The canonical form of an audit event, the bytes its hash covers: a JSON object with exactly these keys in this
 * order, no spaces, {@code null} for an absent value, strings escaped minimally ({@code \"}, {@code \\}, and
 * {@code \}{@code u00XX} for control characters), UTF-8:
 * <pre>
 * {"seq":1,"ts":"2026-03-01T10:15:30.123456Z","node":…,"actor":…,"integration":…,"action":…,"outcome":…,
 *  "business_key":…,"file_name":…,"sha256":…,"reason":…,"correlation_id":…,"remote_correlation_id":…,
 *  "duration_ms":…,"attempt":…,"token_fingerprint":…,"credential_key_id":…}
 * </pre>
 * {@code ts} is UTC with exactly six fraction digits (PostgreSQL keeps microseconds). Each row's
 * {@code hash = SHA-256(prev_hash || canonical form)}, with 32 zero bytes before the first event. An export line is the
 * canonical form with {@code ,"prev_hash":"…","hash":"…"} (hex) inserted before the closing brace, so anyone can
 * recompute the chain from an export without this code.
 *
 * <p>This is the chain's rule, in the domain so that every audit trail (PostgreSQL, the in-memory one) chains the same
 * way and an existing database's hashes keep verifying: any change to these bytes breaks every stored chain.
 *
 * <p>Not thread-safe: one instance per thread or per unit of work.
 */
public final class CanonicalAuditForm {
    public static final int HASH_BYTES = 32;
    private static final byte[] GENESIS = new byte[HASH_BYTES];
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    private final StringBuilder json = new StringBuilder(512);
    private final MessageDigest sha256;

    public CanonicalAuditForm() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The "previous hash" of the first event: 32 zero bytes (a fresh copy). */
    public static byte[] genesis() {
        return GENESIS.clone();
    }

    /** The time as stored: PostgreSQL keeps microseconds, so the hash covers microseconds. */
    public static Instant storedTime(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS);
    }

    /** Builds the canonical JSON into the internal buffer and returns it (valid until the next call). */
    @SuppressWarnings("checkstyle:ParameterNumber")
    public StringBuilder build(long seq, Instant ts, String node, String actor, String integration, String action,
                        String outcome, String businessKey, String fileName, String sha256Hex, String reason,
                        String correlationId, String remoteCorrelationId, Long durationMillis, Integer attempt,
                        String tokenFingerprint, String credentialKeyId) {
        json.setLength(0);
        json.append("{\"seq\":").append(seq);
        json.append(",\"ts\":\"");
        TS.formatTo(ts, json);
        json.append('"');
        string("node", node);
        string("actor", actor);
        string("integration", integration);
        string("action", action);
        string("outcome", outcome);
        string("business_key", businessKey);
        string("file_name", fileName);
        string("sha256", sha256Hex);
        string("reason", reason);
        string("correlation_id", correlationId);
        string("remote_correlation_id", remoteCorrelationId);
        json.append(",\"duration_ms\":").append(durationMillis == null ? "null" : durationMillis.toString());
        json.append(",\"attempt\":").append(attempt == null ? "null" : attempt.toString());
        string("token_fingerprint", tokenFingerprint);
        string("credential_key_id", credentialKeyId);
        json.append('}');
        return json;
    }

    /** Builds the canonical form of {@code event} at {@code seq} (its time truncated to microseconds, as stored). */
    public StringBuilder build(long seq, AuditEvent e) {
        return build(seq, storedTime(e.at()), e.node(), e.actor(),
                e.integration() == null ? null : e.integration().value(), e.action().code(), e.outcome().code(),
                e.businessKey() == null ? null : e.businessKey().value(), e.fileName(),
                e.sha256() == null ? null : e.sha256().hex(), e.reason(),
                e.correlationId() == null ? null : e.correlationId().value(), e.remoteCorrelationId(),
                e.durationMillis(), e.attempt(), e.tokenFingerprint() == null ? null : e.tokenFingerprint().value(),
                e.credentialKeyId());
    }

    /** SHA-256(prev || canonical) of what {@link #build} last built. */
    public byte[] hash(byte[] prev) {
        return hash(prev, bytes());
    }

    /** The UTF-8 bytes of what {@link #build} last built (a new array): to hash on another thread than builds them. */
    public byte[] bytes() {
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** SHA-256(prev || canonical), {@code canonical} being {@link #bytes()} of some instance's last build. */
    public byte[] hash(byte[] prev, byte[] canonical) {
        sha256.reset();
        sha256.update(prev);
        sha256.update(canonical);
        return sha256.digest();
    }

    /** The last built form as an export line: the hashes inserted before the closing brace. */
    public StringBuilder exportLine(byte[] prev, byte[] hash) {
        json.setLength(json.length() - 1);
        json.append(",\"prev_hash\":\"").append(HEX.formatHex(prev)).append("\",\"hash\":\"")
                .append(HEX.formatHex(hash)).append("\"}");
        return json;
    }

    private void string(String key, String value) {
        json.append(",\"").append(key).append("\":");
        if (value == null) {
            json.append("null");
        } else {
            quote(json, value);
        }
    }

    public static void quote(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    /** UTC, always six fraction digits, as in the canonical form. */
    public static String timestamp(Instant at) {
        return TS.format(storedTime(at));
    }

    public static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }
}
