package io.jakamoconnector.app.daemon;

import io.jakamoconnector.domain.model.audit.AuditEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that hears of every audit event once it is committed: those a state change writes in its own
 * transaction and those appended directly. It counts them ({@code jakamo_audit_appends_total}) and hands them to
 * whoever subscribed (the notification dispatcher), on the committing thread: a subscriber must return at once.
 */
public final class CommittedAuditEvents implements Consumer<AuditEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(CommittedAuditEvents.class);
    private final ServiceMetrics metrics;
    private final List<Consumer<AuditEvent>> subscribers = new CopyOnWriteArrayList<>();

    public CommittedAuditEvents(ServiceMetrics metrics) {
        this.metrics = metrics;
    }

    public void subscribe(Consumer<AuditEvent> subscriber) {
        subscribers.add(subscriber);
    }

    @Override
    public void accept(AuditEvent event) {
        metrics.auditAppend(event.action());
        for (Consumer<AuditEvent> subscriber : subscribers) {
            try {
                subscriber.accept(event);
            } catch (RuntimeException e) {
                // the event is committed: a subscriber's failure must not look like the commit's
                LOG.warn("a subscriber to committed audit events failed on {}: {}", event.action().code(),
                        e.toString());
            }
        }
    }
}
