package io.jakamoconnector.adapter.auth;

import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.port.out.AccessTokenUnavailableException;
import io.jakamoconnector.domain.port.out.AccessTokenUnavailableException.Reason;
import java.time.Duration;

/**
 * A failed attempt, translated: the exception callers get, whether trying again at once can help, the code the audit
 * trail records ({@code AADSTS7000215}, {@code timeout}, …) and the outcome when it is final.
 */
record Failure(AccessTokenUnavailableException exception, boolean retryNow, String code, AuditOutcome outcome) {

    static Failure of(TokenRegistration registration, Reason reason, String message, Duration retryAfter,
                      String correlation, Throwable cause, boolean retryNow, String code, AuditOutcome outcome) {
        return new Failure(new AccessTokenUnavailableException(registration.integration(), reason, message, retryAfter,
                correlation, cause), retryNow, code, outcome);
    }
}
