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
        return new Builder(action, outcome);
    }

    /** Fills the optional fields by name; {@link #build} checks the required ones. */
    public static final class Builder {
        private final AuditAction action;
        private final AuditOutcome outcome;
        private Instant at;
        private String node;
        private String actor;
        private IntegrationName integration;
        private BusinessKey businessKey;
        private String fileName;
        private Sha256 sha256;
        private String reason;
        private CorrelationId correlationId;
        private String remoteCorrelationId;
        private Long durationMillis;
        private Integer attempt;
        private Fingerprint tokenFingerprint;
        private String credentialKeyId;

        private Builder(AuditAction action, AuditOutcome outcome) {
            this.action = action;
            this.outcome = outcome;
        }

        public Builder at(Instant value) {
            this.at = value;
            return this;
        }

        public Builder node(String value) {
            this.node = value;
            return this;
        }

        public Builder actor(String value) {
            this.actor = value;
            return this;
        }

        public Builder integration(IntegrationName value) {
            this.integration = value;
            return this;
        }

        public Builder businessKey(BusinessKey value) {
            this.businessKey = value;
            return this;
        }

        public Builder fileName(String value) {
            this.fileName = value;
            return this;
        }

        public Builder sha256(Sha256 value) {
            this.sha256 = value;
            return this;
        }

        public Builder reason(String value) {
            this.reason = value;
            return this;
        }

        public Builder correlationId(CorrelationId value) {
            this.correlationId = value;
            return this;
        }

        public Builder remoteCorrelationId(String value) {
            this.remoteCorrelationId = value;
            return this;
        }

        public Builder durationMillis(long value) {
            this.durationMillis = value;
            return this;
        }

        public Builder attempt(int value) {
            this.attempt = value;
            return this;
        }

        public Builder tokenFingerprint(Fingerprint value) {
            this.tokenFingerprint = value;
            return this;
        }

        public Builder credentialKeyId(String value) {
            this.credentialKeyId = value;
            return this;
        }

        public AuditEvent build() {
            return new AuditEvent(at, node, actor, integration, action, outcome, businessKey, fileName, sha256, reason,
                    correlationId, remoteCorrelationId, durationMillis, attempt, tokenFingerprint, credentialKeyId);
        }
    }
}
