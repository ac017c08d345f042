package io.jakamoconnector.adapter.console;

/** A request the console turns down, with the status and the sentence the person sees. */
final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;

    Refused(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }
}
