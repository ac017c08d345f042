package io.jakamoconnector.domain.model.audit;

import io.jakamoconnector.domain.model.Check;
import io.jakamoconnector.domain.model.document.Sha256;
import io.jakamoconnector.domain.model.exchange.IntegrationName;

/**
 * One outbound document as the audit trail names it: its integration and the SHA-256 of its bytes. The trail keeps no
 * document id; an integration records the same bytes only once per business key, so these two name one document,
 * except the same attachment bytes sent to several orders, whose events show together (each names its order).
 */
public record AuditedDocument(IntegrationName integration, Sha256 sha256) {

    public AuditedDocument {
        Check.notNull("auditedDocument.integration", integration);
        Check.notNull("auditedDocument.sha256", sha256);
    }
}
