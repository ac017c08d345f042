package io.jakamoconnector.adapter.auth;

import io.jakamoconnector.domain.model.auth.Fingerprint;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The bytes of a secret read from a {@link SecretReference}, kept out of {@code String}: callers take copies with
 * {@link #bytes()} or {@link #chars()} and wipe them, and {@link #close()} wipes this one. {@link #toString()} never
 * shows the value.
 */
public final class SecretValue implements AutoCloseable {
    private final byte[] bytes;

    SecretValue(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A copy of the bytes; wipe it after use ({@code Arrays.fill(copy, (byte) 0)}). */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The bytes decoded as UTF-8 into a new array that never passes through a {@code String}; wipe it after use. */
    public char[] chars() {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer decoded;
        try {
            decoded = decoder.decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            throw new UnreadableSecretException("the secret is not UTF-8 text");
        }
        char[] chars = new char[decoded.remaining()];
        decoded.get(chars);
        Arrays.fill(decoded.array(), '\0');
        return chars;
    }

    public int length() {
        return bytes.length;
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }

    /** Names the value in logs and the audit trail without revealing it. */
    public Fingerprint fingerprint() {
        return Fingerprint.of(bytes);
    }

    /** The same secret without leading and trailing whitespace (a trailing newline is the usual case). */
    public SecretValue trimmed() {
        int start = 0;
        int end = bytes.length;
        while (start < end && isWhitespace(bytes[start])) {
            start++;
        }
        while (end > start && isWhitespace(bytes[end - 1])) {
            end--;
        }
        return new SecretValue(Arrays.copyOfRange(bytes, start, end));
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    /** Whether this secret equals {@code other}, in time independent of where they differ. */
    boolean sameAs(SecretValue other) {
        return other != null && java.security.MessageDigest.isEqual(bytes, other.bytes);
    }

    /** Overwrites the bytes with zeros. */
    @Override
    public void close() {
        Arrays.fill(bytes, (byte) 0);
    }

    @Override
    public String toString() {
        return "SecretValue[***]";
    }
}
