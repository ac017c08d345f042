package io.jakamoconnector.domain.port.out;

/** A sign-in to the console failed; the message says why without any token or secret. */
public final class OperatorSignInException extends PortFailureException {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** The identity provider could not be reached or did not answer in time. */
        NETWORK(true),
        /** The provider refused the code or the console's credentials. */
        REFUSED(false),
        /** The ID token did not check out (signature, issuer, audience, expiry, nonce). */
        INVALID_TOKEN(false),
        /** The console's own settings cannot work (a secret that cannot be read). */
        MISCONFIGURED(false);

        private final boolean retryable;

        Reason(boolean retryable) {
            this.retryable = retryable;
        }
    }

    private final Reason reason;

    public OperatorSignInException(Reason reason, String message, Throwable cause) {
        super(message, reason.retryable, null, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public String reasonCode() {
        return reason.name();
    }
}
