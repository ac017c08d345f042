package io.jakamoconnector.sandbox;

/** A request the fake Jakamo refuses with a Jakamo-style {@code <errors>} body; an expected outcome, not a bug. */
final class Rejection extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;

    Rejection(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }

    Reply reply() {
        return Reply.errors(status, getMessage());
    }
}
