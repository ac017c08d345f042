package io.jakamoconnector.adapter.auth;

import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.model.auth.AccessToken;
import io.jakamoconnector.domain.port.out.AccessTokenUnavailableException;
import io.jakamoconnector.domain.port.out.AccessTokenUnavailableException.Reason;
import io.jakamoconnector.domain.service.AuditWriter;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit events of a registration's token requests: one per request sent to Entra, with the facts a person needs
 * to match it with Entra's sign-in logs (tenant, client id, scope, credential key id, correlation id) and never a
 * secret or token value. A token whose acquisition cannot be recorded is not used (fail closed).
 */
final class TokenAudit {
    private static final Logger LOG = LoggerFactory.getLogger(MsalAccessTokenAdapter.class);

    private final TokenRegistration registration;
    private final AuditWriter audit;

    TokenAudit(TokenRegistration registration, AuditWriter audit) {
        this.registration = registration;
        this.audit = audit;
    }

    /** Records an acquired token; throws {@code UNEXPECTED} when the audit trail refuses, so it is not used. */
    void acquired(AccessToken token, LoadedCredential used, int attempt, long millis, String requestId,
                  RegistrationClient.Trigger trigger, boolean skipCache, String source) {
        AuditEvent.Builder event = AuditEvent.builder(AuditAction.TOKEN_ACQUIRED, AuditOutcome.OK)
                .integration(registration.integration())
                .attempt(attempt)
                .durationMillis(millis)
                .remoteCorrelationId(requestId)
                .tokenFingerprint(token.fingerprint())
                .credentialKeyId(used.keyId())
                .reason(facts(used) + " expiresAt=" + token.expiresAt() + " refreshAt=" + token.refreshAt()
                        + " trigger=" + trigger.code() + " skipCache=" + skipCache + " source=" + sourceName(source));
        try {
            audit.write(event);
        } catch (RuntimeException e) {
            // fail closed: a token whose acquisition is not on record is not used
            LOG.error("{}: the audit trail refused the token_acquired event; the token is discarded",
                    registration.integration(), e);
            throw new AccessTokenUnavailableException(registration.integration(), Reason.UNEXPECTED,
                    "the audit trail could not record the token acquisition, so the token is not used ("
                            + e.getClass().getSimpleName() + "); check the database", null, requestId, e);
        }
    }

    /** Records a failed request; an audit trail that refuses is added to the failure as suppressed. */
    void failed(Failure failure, LoadedCredential used, int attempt, long millis, String requestId, boolean retrying,
                RegistrationClient.Trigger trigger) {
        AccessTokenUnavailableException e = failure.exception();
        AuditEvent.Builder event = AuditEvent.builder(AuditAction.TOKEN_FAILED, retrying ? AuditOutcome.RETRY : failure.outcome())
                .integration(registration.integration())
                .attempt(attempt)
                .durationMillis(millis)
                .remoteCorrelationId(requestId != null ? requestId : e.remoteCorrelationId())
                .reason(e.reason() + " " + failure.code() + " " + facts(used) + " trigger=" + trigger.code()
                        + e.retryAfter().map(d -> " retryAfter=" + d.toMillis() + "ms").orElse(""));
        if (used != null) {
            event = event.credentialKeyId(used.keyId());   // the builder may be immutable: keep what it returns
        }
        try {
            audit.write(event);
        } catch (RuntimeException auditFailure) {
            LOG.error("{}: the audit trail refused the token_failed event", registration.integration(), auditFailure);
            e.addSuppressed(auditFailure);
        }
    }

    private String facts(LoadedCredential used) {
        return "tenant=" + registration.environment().tenantId() + " clientId=" + registration.clientId()
                + " environment=" + registration.environment().name() + " scope=" + registration.environment().scope()
                + " credential=" + registration.credential().kind() + (used == null ? "" : " keyId=" + used.keyId());
    }

    static String sourceName(String source) {
        return source == null ? "identity_provider" : source.toLowerCase(Locale.ROOT);
    }
}
