package io.jakamoconnector.domain.port.in;

/**
 * The operator console tells the audit trail who signed in, or who was turned away, and from where: a break-glass
 * sign-in bypasses the directory, so it must leave a trace of its own.
 */
public interface RecordConsoleSignInUseCase {

    /** Appends the sign-in's audit event; a failure throws, so nobody is signed in unaudited. */
    void record(RecordConsoleSignInCommand command);
}
