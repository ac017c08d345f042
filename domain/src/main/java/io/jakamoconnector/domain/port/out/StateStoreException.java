package io.jakamoconnector.domain.port.out;

/** The sync state or the audit trail could not be read or written (the database is down, full, or refused). */
public final class StateStoreException extends PortFailureException {
    private static final long serialVersionUID = 1L;

    public StateStoreException(String message, boolean retryable, Throwable cause) {
        super(message, retryable, null, cause);
    }

    @Override
    public String reasonCode() {
        return "STATE_STORE";
    }
}
