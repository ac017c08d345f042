package io.jakamoconnector.domain.model.auth;

import io.jakamoconnector.domain.model.Check;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Names a secret value (a token, a client secret) without revealing it: the first 16 hex characters of its SHA-256.
 * Logs and the audit trail carry this, never the value; two uses of the same token carry the same fingerprint.
 */
public record Fingerprint(String value) {
    private static final Pattern FORM = Pattern.compile("[0-9a-f]{16}");

    public Fingerprint {
        Check.notNull("fingerprint", value);
        Check.that(FORM.matcher(value).matches(), "fingerprint", "must be 16 lower-case hex characters");
    }

    public static Fingerprint of(byte[] secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret);
            return new Fingerprint(HexFormat.of().formatHex(digest, 0, 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public static Fingerprint of(String secret) {
        return of(secret.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return value;
    }
}
