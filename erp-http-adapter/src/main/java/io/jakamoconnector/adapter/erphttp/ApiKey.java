package io.jakamoconnector.adapter.erphttp;

import io.jakamoconnector.domain.model.Check;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * One API key an integration accepts, as the configuration holds it: an id for the audit trail and the SHA-256 of the
 * key. The key itself is never known to the connector until a request presents it.
 */
record ApiKey(String id, byte[] sha256) {
    static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    static final Pattern HASH = Pattern.compile("[0-9a-fA-F]{64}");

    ApiKey {
        Check.that(id != null && ID.matcher(id).matches(), "apiKeys.id",
                "must be 1 to 64 of A-Z a-z 0-9 . _ : -, e.g. erp-prod-1");
        Check.that(sha256 != null && sha256.length == 32, "apiKeys.sha256", "must be 32 bytes");
        sha256 = sha256.clone();
    }

    static ApiKey of(String id, String sha256Hex) {
        Check.that(sha256Hex != null && HASH.matcher(sha256Hex).matches(), "apiKeys.sha256",
                "must be the 64 hex characters sha256sum prints for the key");
        return new ApiKey(id, HexFormat.of().parseHex(sha256Hex.toLowerCase(java.util.Locale.ROOT)));
    }

    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApiKey k && k.id.equals(id) && java.util.Arrays.equals(k.sha256, sha256);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "ApiKey[" + id + "]";
    }
}
