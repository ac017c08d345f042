package io.jakamoconnector.adapter.auth;

import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.port.out.AccessTokenUnavailableException;

/**
 * A failed attempt, translated: the exception callers get, whether trying again at once can help, the code the audit
 * trail records ({@code AADSTS7000215}, {@code timeout}, …) and the outcome when it is final.
 */
record Failure(AccessTokenUnavailableException exception, boolean retryNow, String code, AuditOutcome outcome) {
}
