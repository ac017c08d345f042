package io.jakamoconnector.adapter.auth;

/**
 * A secret could not be read from its reference. The message says where it looked and what to fix (a path, a
 * variable name, a permission); it never carries the secret.
 */
public final class UnreadableSecretException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnreadableSecretException(String message) {
        super(message);
    }

    public UnreadableSecretException(String message, Throwable cause) {
        super(message, cause);
    }
}
