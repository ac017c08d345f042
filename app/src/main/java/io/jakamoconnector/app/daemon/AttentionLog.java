package io.jakamoconnector.app.daemon;

import io.jakamoconnector.domain.model.attention.Attention;
import io.jakamoconnector.domain.model.attention.AttentionClassifier;
import io.jakamoconnector.domain.model.attention.AttentionKind;
import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs at WARN, with what to do, each committed event that makes a document dead, a message quarantined or a dropped
 * file refused locally at pick-up: the domain decides those and does not log, and the loops only count them. (A refusal and a document in doubt are
 * logged at WARN by the Jakamo adapter where they happen; a failing token by the token adapter.)
 */
public final class AttentionLog implements Consumer<AuditEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(AttentionLog.class);

    @Override
    public void accept(AuditEvent event) {
        if (event.action() == AuditAction.INPUT_REJECTED && event.outcome() == AuditOutcome.DENIED) {
            LOG.warn("{}: {} refused locally, not sent to Jakamo: {}; it is in failed/ with an .error.txt that says "
                    + "what to correct", event.integration(), event.fileName(), event.reason());
            return;
        }
        Optional<Attention> attention = AttentionClassifier.classify(event);
        if (attention.isPresent() && (attention.get().kind() == AttentionKind.DEAD
                || attention.get().kind() == AttentionKind.QUARANTINED)) {
            LOG.warn("{}; to do: {}", attention.get().headline(), attention.get().advice());
        }
    }
}
