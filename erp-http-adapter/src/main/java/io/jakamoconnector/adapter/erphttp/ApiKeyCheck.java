package io.jakamoconnector.adapter.erphttp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;

/**
 * Which of an integration's keys a request presents: the SHA-256 of the presented key against every configured hash,
 * each compared in constant time and all of them every time, so neither the timing nor the order of the keys tells
 * an attacker how close a guess came or which key matched.
 */
final class ApiKeyCheck {
    private static final String BEARER = "Bearer ";
    /** Longer than any key anyone makes; bounds the hashing work a request can ask for. */
    private static final int MAX_KEY = 512;
    private final List<ApiKey> keys;

    ApiKeyCheck(List<ApiKey> keys) {
        this.keys = List.copyOf(keys);
    }

    /** The id of the key the {@code Authorization} header carries; empty when none matches or there is no header. */
    Optional<String> keyId(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        String presented = authorization.substring(BEARER.length()).trim();
        if (presented.isEmpty() || presented.length() > MAX_KEY) {
            return Optional.empty();
        }
        byte[] hash = sha256(presented.getBytes(StandardCharsets.UTF_8));
        String matched = null;
        for (ApiKey key : keys) {
            if (MessageDigest.isEqual(hash, key.sha256()) && matched == null) {
                matched = key.id();
            }
        }
        return Optional.ofNullable(matched);
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
