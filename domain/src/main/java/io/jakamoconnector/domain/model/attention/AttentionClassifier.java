package io.jakamoconnector.domain.model.attention;

import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import java.util.Optional;

/**
 * Which committed audit events need a person. A document is dead when its {@code DOCUMENT_FAILED} event has outcome
 * {@code FAIL} (every attempt spent); with {@code DENIED} Jakamo or the connector refused it, which the ERP's
 * {@code failed/} folder already tells. Notification events never need a person themselves: a failed notification
 * that raised another one would loop.
 */
public final class AttentionClassifier {
    private AttentionClassifier() {
    }

    public static Optional<Attention> classify(AuditEvent event) {
        AttentionKind kind = switch (event.action()) {
            case DOCUMENT_IN_DOUBT -> event.outcome() == AuditOutcome.IN_DOUBT ? AttentionKind.IN_DOUBT : null;
            case DOCUMENT_FAILED -> event.outcome() == AuditOutcome.FAIL ? AttentionKind.DEAD : null;
            case MESSAGE_QUARANTINED -> AttentionKind.QUARANTINED;
            case TOKEN_FAILED -> AttentionKind.TOKEN_FAILING;
            case QUEUE_BLOCKED -> AttentionKind.QUEUE_BLOCKED;
            case AUDIT_CHAIN_BROKEN -> AttentionKind.AUDIT_BROKEN;
            default -> null;
        };
        if (kind == null) {
            return Optional.empty();
        }
        return Optional.of(new Attention(kind, Optional.ofNullable(event.integration()), subject(kind, event),
                event.at(), event.reason()));
    }

    /** The order number where there is one, else the file, the remote message id or the content's hash. */
    private static String subject(AttentionKind kind, AuditEvent event) {
        if (kind == AttentionKind.TOKEN_FAILING) {
            return "the integration's token";
        }
        if (kind == AttentionKind.QUEUE_BLOCKED) {
            return "the queue";
        }
        if (kind == AttentionKind.AUDIT_BROKEN) {
            return "the audit trail";
        }
        String noun = kind == AttentionKind.QUARANTINED ? "message" : "document";
        if (event.businessKey() != null) {
            return (kind == AttentionKind.QUARANTINED ? "message for order " : "order ") + event.businessKey();
        }
        if (event.fileName() != null) {
            return noun + " " + event.fileName();
        }
        if (event.remoteCorrelationId() != null) {
            return noun + " " + event.remoteCorrelationId();
        }
        if (event.sha256() != null) {
            return noun + " with SHA-256 " + event.sha256().shortForm();
        }
        return noun + " " + (event.correlationId() == null ? "(unnamed)" : event.correlationId().value());
    }

    /** True for the events notifications themselves write, which must never raise a notification. */
    public static boolean isNotificationEvent(AuditEvent event) {
        return event.action() == AuditAction.NOTIFICATION_SENT || event.action() == AuditAction.NOTIFICATION_FAILED;
    }
}
