package io.jakamoconnector.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CanonicalAuditFormTest {
    private final CanonicalAuditForm form = new CanonicalAuditForm();

    @Test
    void hasFixedKeysInAFixedOrderWithNullsAndMicroseconds() {
        String json = form.build(7, Instant.parse("2026-03-01T10:15:30Z"), "n", "a", null, "service_started", "ok",
                null, null, null, null, null, null, null, null, null, null).toString();
        assertThat(json).isEqualTo("{\"seq\":7,\"ts\":\"2026-03-01T10:15:30.000000Z\",\"node\":\"n\",\"actor\":\"a\","
                + "\"integration\":null,\"action\":\"service_started\",\"outcome\":\"ok\",\"business_key\":null,"
                + "\"file_name\":null,\"sha256\":null,\"reason\":null,\"correlation_id\":null,"
                + "\"remote_correlation_id\":null,\"duration_ms\":null,\"attempt\":null,\"token_fingerprint\":null,"
                + "\"credential_key_id\":null}");
    }

    @Test
    void escapesQuotesBackslashesAndControlCharactersOnly() {
        String json = form.build(1, Instant.EPOCH, "n", "a \"b\" \\ c\u0001\n\u00e4\u20ac", null, "x", "ok", null,
                null, null, null, null, null, 5L, 2, null, null).toString();
        assertThat(json).contains("\"actor\":\"a \\\"b\\\" \\\\ c\\u0001\\u000a\u00e4\u20ac\"")
                .contains("\"duration_ms\":5,\"attempt\":2");
    }

    @Test
    void theHashIsSha256OfThePreviousHashAndTheUtf8Form() throws Exception {
        byte[] prev = new byte[32];
        prev[0] = 1;
        String json = form.build(2, Instant.parse("2026-03-01T10:15:30.123456789Z"), "n", "\u00e4", null, "x", "ok",
                null, null, null, null, null, null, null, null, null, null).toString();
        assertThat(json).contains("\"ts\":\"2026-03-01T10:15:30.123456Z\"");
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(prev);
        byte[] expected = sha.digest(json.getBytes(StandardCharsets.UTF_8));
        assertThat(HexFormat.of().formatHex(form.hash(prev))).isEqualTo(HexFormat.of().formatHex(expected));
        assertThat(form.exportLine(prev, expected).toString()).endsWith(",\"prev_hash\":\"01" + "00".repeat(31)
                + "\",\"hash\":\"" + HexFormat.of().formatHex(expected) + "\"}");
    }

    @Test
    void descriptionsAndTestUrlsLeaveCredentialsAndParametersOut() {
        assertThat(ExternalDatabase.withoutQuery("jdbc:postgresql://db.example:5432/jakamo?ssl=true&user=x"))
                .isEqualTo("jdbc:postgresql://db.example:5432/jakamo");
        assertThat(TestDatabase.withDatabase("jdbc:postgresql://localhost:5432/postgres?user=postgres", "t_1"))
                .isEqualTo("jdbc:postgresql://localhost:5432/t_1?user=postgres");
        assertThat(TestDatabase.withDatabase("jdbc:postgresql://h/db", "t_2")).isEqualTo("jdbc:postgresql://h/t_2");
    }
}
