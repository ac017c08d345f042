package io.jakamoconnector.domain.model.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.domain.model.auth.Fingerprint;
import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.document.Sha256;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The chain's bytes must never change: every stored trail verifies only while they do not. The hashes pinned here
 * were computed by the persistence adapter's CanonicalAuditForm before the form moved into the domain.
 */
class CanonicalAuditFormTest {
    private static final HexFormat HEX = HexFormat.of();
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
        byte[] prev = CanonicalAuditForm.genesis();
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

    static AuditEvent fullEvent() {
        return AuditEvent.builder(AuditAction.MESSAGE_DELIVERED, AuditOutcome.OK)
                .at(Instant.parse("2026-11-29T10:00:00.123456789Z")).node("node-1").actor("connector \"x\" \u00e4")
                .integration(new IntegrationName("orders")).businessKey(new BusinessKey("PO-1"))
                .fileName("OrderResponse-PO-1.xml").sha256(Sha256.of("b1".getBytes(StandardCharsets.UTF_8)))
                .reason("ok \\ done").correlationId(new CorrelationId("3f2b1c4e-0000-4000-8000-000000000001"))
                .remoteCorrelationId("remote-1").durationMillis(42).attempt(2)
                .tokenFingerprint(Fingerprint.of("token-1")).credentialKeyId("key-1").build();
    }

    static AuditEvent sparseEvent() {
        return AuditEvent.builder(AuditAction.SERVICE_STARTED, AuditOutcome.OK)
                .at(Instant.parse("2026-03-01T10:15:30Z")).node("n").actor("a").build();
    }

    @Test
    void theHashesOfAKnownChainAreThoseTheOldCodeWrote() {
        CanonicalAuditForm form = new CanonicalAuditForm();
        AuditChainLink first = AuditChain.link(form, 1, CanonicalAuditForm.genesis(), fullEvent());
        AuditChainLink second = AuditChain.link(form, 2, first.hash(), sparseEvent());

        assertThat(HEX.formatHex(first.hash())).isEqualTo(PINNED_1);
        assertThat(HEX.formatHex(second.hash())).isEqualTo(PINNED_2);
    }

    static final String PINNED_1 = "daefd2dbb8b646cdd7d27c5be945b1d8021defe31e44934ec63129c7c0b4c331";
    static final String PINNED_2 = "989d03034ec77949c3935ac6fc9036c264a63b788ade61489ebe3a56992e9791";
}
