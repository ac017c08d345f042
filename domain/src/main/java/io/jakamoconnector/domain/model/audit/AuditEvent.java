package io.jakamoconnector.domain.model.audit;

import io.jakamoconnector.domain.model.Check;
import io.jakamoconnector.domain.model.auth.Fingerprint;
import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.document.Sha256;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import java.time.Instant;

/**
 * One entry of the audit trail: who did what to which object, how it went and why. It names documents by business
 * key, file name and SHA-256 and credentials by fingerprint; it never holds a secret, a token or a document body.
 * Optional fields are null when they do not apply.
 */
public record AuditEvent(Instant at, String node, String actor, IntegrationName integration, AuditAction action,
                         AuditOutcome outcome, BusinessKey businessKey, String fileName, Sha256 sha256, String reason,
                         CorrelationId correlationId, String remoteCorrelationId, Long durationMillis, Integer attempt,
                         Fingerprint tokenFingerprint, String credentialKeyId) {

    public AuditEvent {
        Check.notNull("audit.at", at);
        Check.notBlank("audit.node", node);
        Check.notBlank("audit.actor", actor);
        Check.notNull("audit.action", action);
        Check.notNull("audit.outcome", outcome);
        fileName = bounded("audit.fileName", fileName, 1024);
        reason = bounded("audit.reason", reason, 2000);
        remoteCorrelationId = bounded("audit.remoteCorrelationId", remoteCorrelationId, 200);
        credentialKeyId = bounded("audit.credentialKeyId", credentialKeyId, 200);
    }

    /** Outside text is stored with control characters replaced, so no field can forge a line in an export. */
    private static String bounded(String field, String value, int max) {
        if (value == null) {
            return null;
        }
        String clean = value.replaceAll("\\p{Cntrl}", " ");
        return clean.length() <= max ? clean : clean.substring(0, max - 1) + "…";
    }

    public static Builder builder(AuditAction action, AuditOutcome outcome) {
        return new Builder(action, outcome, null, null, null, null, null, null, null, null, null, null, null,
                null, null,
                null);
    }

    /**
     * An event being put together: immutable, each method returns a copy with one more field set; {@link #build}
     * checks the required ones. The audit writer adds the time, node and actor last.
     */
    public record Builder(AuditAction action, AuditOutcome outcome, Instant at, String node, String actor,
            IntegrationName integration, BusinessKey businessKey, String fileName, Sha256 sha256, String reason,
            CorrelationId correlationId, String remoteCorrelationId, Long durationMillis, Integer attempt, Fingerprint
            tokenFingerprint, String credentialKeyId) {

        public Builder at(Instant value) {
            return new Builder(action, outcome, value, node, actor, integration, businessKey, fileName, sha256,
                    reason, correlationId, remoteCorrelationId, durationMillis, attempt, tokenFingerprint,
                    credentialKeyId);
        }

        public Builder node(String value) {
            return new Builder(action, outcome, at, value, actor, integration, businessKey, fileName, sha256,
                    reason, correlationId, remoteCorrelationId, durationMillis, attempt, tokenFingerprint,
                    credentialKeyId);
        }

        public Builder actor(String value) {
            return new Builder(action, outcome, at, node, value, integration, businessKey, fileName, sha256,
                    reason, correlationId, remoteCorrelationId, durationMillis, attempt, tokenFingerprint,
                    credentialKeyId);
        }

        public Builder integration(IntegrationName value) {
            return new Builder(action, outcome, at, node, actor, value, businessKey, fileName, sha256, reason,
                    correlationId, remoteCorrelationId, durationMillis, attempt, tokenFingerprint, credentialKeyId);
        }

        public Builder businessKey(BusinessKey value) {
            return new Builder(action, outcome, at, node, actor, integration, value, fileName, sha256, reason,
                    correlationId, remoteCorrelationId, durationMillis, attempt, tokenFingerprint, credentialKeyId);
        }

        public Builder fileName(String value) {
            return new Builder(action, outcome, at, node, actor, integration, businessKey, value, sha256,
                    reason, correlationId, remoteCorrelationId, durationMillis, attempt, tokenFingerprint,
                    credentialKeyId);
        }

        public Builder sha256(Sha256 value) {
            return new Builder(action, outcome, at, node, actor, integration, businessKey, fileName, value,
                    reason, correlationId, remoteCorrelationId, durationMillis, attempt, tokenFingerprint,
                    credentialKeyId);
        }

        public Builder reason(String value) {
            return new Builder(action, outcome, at, node, actor, integration, businessKey, fileName, sha256,
                    value, correlationId, remoteCorrelationId, durationMillis, attempt, tokenFingerprint,
                    credentialKeyId);
        }

        public Builder correlationId(CorrelationId value) {
            return new Builder(action, outcome, at, node, actor, integration, businessKey, fileName, sha256,
                    reason, value, remoteCorrelationId, durationMillis, attempt, tokenFingerprint, credentialKeyId);
        }

        public Builder remoteCorrelationId(String value) {
            return new Builder(action, outcome, at, node, actor, integration, businessKey, fileName, sha256,
                    reason, correlationId, value, durationMillis, attempt, tokenFingerprint, credentialKeyId);
        }

        public Builder durationMillis(long value) {
            return new Builder(action, outcome, at, node, actor, integration, businessKey, fileName, sha256,
                    reason, correlationId, remoteCorrelationId, value, attempt, tokenFingerprint, credentialKeyId);
        }

        public Builder attempt(int value) {
            return new Builder(action, outcome, at, node, actor, integration, businessKey, fileName, sha256,
                    reason, correlationId, remoteCorrelationId, durationMillis, value, tokenFingerprint,
                    credentialKeyId);
        }

        public Builder tokenFingerprint(Fingerprint value) {
            return new Builder(action, outcome, at, node, actor, integration, businessKey, fileName, sha256,
                    reason, correlationId, remoteCorrelationId, durationMillis, attempt, value, credentialKeyId);
        }

        public Builder credentialKeyId(String value) {
            return new Builder(action, outcome, at, node, actor, integration, businessKey, fileName, sha256,
                    reason, correlationId, remoteCorrelationId, durationMillis, attempt, tokenFingerprint, value);
        }

        public AuditEvent build() {
            return new AuditEvent(at, node, actor, integration, action, outcome, businessKey, fileName, sha256, reason,
                    correlationId, remoteCorrelationId, durationMillis, attempt, tokenFingerprint, credentialKeyId);
        }
    }
}
