package io.jakamoconnector.adapter.auth;

import java.util.regex.Pattern;

/**
 * Scrubs foreign error texts (MSAL's, the token service's, a proxy's page) before they travel on as causes: anything
 * shaped like a JWT, the value of a token or secret field, and the client secret itself become {@code [redacted]}.
 * Causes keep their class name, scrubbed message and stack trace, so nothing is lost for diagnosis.
 */
final class Redaction {
    static final String REDACTED = "[redacted]";
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{2,}(\\.[A-Za-z0-9_-]*){0,2}");
    private static final Pattern FIELD = Pattern.compile(
            "(?i)(\"?(?:access_token|refresh_token|id_token|client_secret|client_assertion|password|assertion)\"?\\s*[:=]\\s*\"?)"
                    + "[^\"&\\s,;}]+");
    private static final int MAX_DEPTH = 8;

    private Redaction() {
    }

    /** A copy of {@code text} with tokens, secret fields and the given secret replaced. */
    static String scrub(String text, SecretValue secret) {
        if (text == null) {
            return null;
        }
        String scrubbed = FIELD.matcher(text).replaceAll("$1" + REDACTED);
        scrubbed = JWT.matcher(scrubbed).replaceAll(REDACTED);
        return secret == null ? scrubbed : withoutSecret(scrubbed, secret);
    }

    /** A chain of {@link RedactedCause}s mirroring {@code thrown} and its causes, with scrubbed messages. */
    static Throwable copy(Throwable thrown, SecretValue secret) {
        return copy(thrown, secret, 0);
    }

    private static Throwable copy(Throwable thrown, SecretValue secret, int depth) {
        if (thrown == null || depth >= MAX_DEPTH) {
            return null;
        }
        RedactedCause copy = new RedactedCause(thrown.getClass().getName(), scrub(thrown.getMessage(), secret),
                copy(thrown.getCause(), secret, depth + 1));
        copy.setStackTrace(thrown.getStackTrace());
        return copy;
    }

    private static String withoutSecret(String text, SecretValue secret) {
        char[] needle = secret.chars();
        try {
            if (needle.length < 4) {
                return text;   // too short to tell apart from ordinary text; such a secret is refused by Entra anyway
            }
            StringBuilder out = new StringBuilder(text.length());
            int i = 0;
            while (i < text.length()) {
                if (startsWith(text, i, needle)) {
                    out.append(REDACTED);
                    i += needle.length;
                } else {
                    out.append(text.charAt(i++));
                }
            }
            return out.toString();
        } finally {
            java.util.Arrays.fill(needle, '\0');
        }
    }

    private static boolean startsWith(String text, int offset, char[] needle) {
        if (offset + needle.length > text.length()) {
            return false;
        }
        for (int j = 0; j < needle.length; j++) {
            if (text.charAt(offset + j) != needle[j]) {
                return false;
            }
        }
        return true;
    }

    /** Stands in for a foreign exception: its class name and scrubbed message, its stack trace. */
    static final class RedactedCause extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String originalClass;

        RedactedCause(String originalClass, String message, Throwable cause) {
            super(message, cause, false, true);
            this.originalClass = originalClass;
        }

        String originalClass() {
            return originalClass;
        }

        @Override
        public String toString() {
            String message = getMessage();
            return message == null ? originalClass : originalClass + ": " + message;
        }
    }
}
