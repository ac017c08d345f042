package io.jakamoconnector.adapter.persistence;

import io.jakamoconnector.domain.model.audit.CanonicalAuditForm;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * A signed anchor of the audit chain: the hash of event {@code seq}, signed with the key {@code keyId} at
 * {@code signedAt}. The signature covers the UTF-8 bytes of {@link #signedText()}.
 */
public record AuditCheckpoint(long seq, String hashHex, Instant signedAt, String keyId, byte[] signature) {

    /** What the signature covers, one field per line. */
    public String signedText() {
        return "jakamo-audit-checkpoint/v1\nseq=" + seq + "\nhash=" + hashHex + "\nsigned_at="
                + CanonicalAuditForm.timestamp(signedAt) + "\nkey_id=" + keyId + "\n";
    }

    byte[] signedBytes() {
        return signedText().getBytes(StandardCharsets.UTF_8);
    }

    public String signatureBase64() {
        return Base64.getEncoder().encodeToString(signature);
    }
}
