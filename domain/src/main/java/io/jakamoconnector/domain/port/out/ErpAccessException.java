package io.jakamoconnector.domain.port.out;

/** The ERP side could not be read or written (a folder missing, not writable, the disk full). */
public final class ErpAccessException extends PortFailureException {
    private static final long serialVersionUID = 1L;

    public ErpAccessException(String message, boolean retryable, Throwable cause) {
        super(message, retryable, null, cause);
    }

    @Override
    public String reasonCode() {
        return retryable() ? "ERP_UNAVAILABLE" : "ERP_MISCONFIGURED";
    }
}
