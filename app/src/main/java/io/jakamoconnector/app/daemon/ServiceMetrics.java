package io.jakamoconnector.app.daemon;

import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.in.PickUpErpDocumentsResult;
import io.jakamoconnector.domain.port.in.ReceiveInboundMessagesResult;
import io.jakamoconnector.domain.port.in.SendOutboundDocumentsResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The connector's own meters, counted from the use cases' results and from decorators around the ports, never from
 * inside the domain or an adapter. In Prometheus form (the names {@code /metrics} shows):
 * <ul>
 *   <li>{@code jakamo_messages_received_total}, {@code _delivered_}, {@code _duplicate_}, {@code _quarantined_},
 *       {@code _acknowledged_} by {@code integration};</li>
 *   <li>{@code jakamo_documents_picked_up_total}, {@code _refused_}, {@code _sent_}, {@code _failed_},
 *       {@code _dead_}, {@code _in_doubt_}, {@code _deferred_}, {@code _archived_} by {@code integration};</li>
 *   <li>{@code jakamo_rounds_total} by {@code integration}, {@code loop} (inbound, outbound) and {@code outcome}
 *       (ok, failed, standby, lease_lost);</li>
 *   <li>{@code jakamo_queue_poll_seconds} (a timer of each read of the queue) by {@code integration} and
 *       {@code outcome} (message, empty, error);</li>
 *   <li>{@code jakamo_token_requests_total} by {@code integration} and {@code kind} (token, renewal), and
 *       {@code jakamo_token_failures_total} by {@code integration} and {@code reason};</li>
 *   <li>{@code jakamo_audit_appends_total} by {@code action}, {@code jakamo_audit_append_failures_total};</li>
 *   <li>gauges {@code jakamo_queue_lease_held} and {@code jakamo_round_last_success_timestamp_seconds}, registered by
 *       the service for its integrations; {@code jakamo_token_expiry_timestamp_seconds} by
 *       {@link MeteredAccessTokens}; what waits for a person by {@link WaitingForPerson}.</li>
 * </ul>
 */
public final class ServiceMetrics {
    private final MeterRegistry registry;

    public ServiceMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Creates every per-integration counter at zero, so a dashboard sees the series before the first event. */
    public void register(Collection<IntegrationName> integrations) {
        for (IntegrationName integration : integrations) {
            for (String name : new String[] {"received", "delivered", "duplicate", "quarantined", "acknowledged"}) {
                counter("jakamo.messages." + name, integration);
            }
            for (String name : new String[] {"picked.up", "refused", "sent", "failed", "dead", "in.doubt", "deferred",
                    "archived"}) {
                counter("jakamo.documents." + name, integration);
            }
            Counter.builder("jakamo.token.requests").tag("integration", integration.value()).tag("kind", "token")
                    .register(registry);
        }
    }

    public void inbound(IntegrationName integration, ReceiveInboundMessagesResult result) {
        add("jakamo.messages.received", integration, result.received());
        add("jakamo.messages.delivered", integration, result.delivered());
        add("jakamo.messages.duplicate", integration, result.duplicates());
        add("jakamo.messages.quarantined", integration, result.quarantined());
        add("jakamo.messages.acknowledged", integration, result.acknowledged());
    }

    public void pickedUp(IntegrationName integration, PickUpErpDocumentsResult result) {
        add("jakamo.documents.picked.up", integration, result.recorded());
        add("jakamo.documents.refused", integration, result.refused());
    }

    public void sent(IntegrationName integration, SendOutboundDocumentsResult result) {
        add("jakamo.documents.sent", integration, result.sent());
        add("jakamo.documents.failed", integration, result.failed());
        add("jakamo.documents.dead", integration, result.dead());
        add("jakamo.documents.in.doubt", integration, result.inDoubt());
        add("jakamo.documents.deferred", integration, result.deferred());
        add("jakamo.documents.archived", integration, result.archived());
    }

    /** One round of a loop ended: {@code ok}, {@code failed}, {@code standby} or {@code lease_lost}. */
    public void round(IntegrationName integration, String loop, String outcome) {
        Counter.builder("jakamo.rounds").tag("integration", integration.value()).tag("loop", loop)
                .tag("outcome", outcome).register(registry).increment();
    }

    public void queuePoll(IntegrationName integration, String outcome, Duration took) {
        Timer.builder("jakamo.queue.poll").description("one read of the integration's Jakamo queue")
                .tag("integration", integration.value()).tag("outcome", outcome).register(registry).record(took);
    }

    public void tokenRequest(IntegrationName integration, String kind) {
        Counter.builder("jakamo.token.requests").tag("integration", integration.value()).tag("kind", kind)
                .register(registry).increment();
    }

    public void tokenFailure(IntegrationName integration, String reason) {
        Counter.builder("jakamo.token.failures").tag("integration", integration.value())
                .tag("reason", reason.toLowerCase(Locale.ROOT)).register(registry).increment();
    }

    public void auditAppend(AuditAction action) {
        Counter.builder("jakamo.audit.appends").tag("action", action.code()).register(registry).increment();
    }

    public void auditAppendFailure(AuditAction action) {
        Counter.builder("jakamo.audit.append.failures").tag("action", action.code()).register(registry).increment();
    }

    /** A gauge read when scraped; {@code state} is held strongly so the gauge lives as long as the registry. */
    public <T> void gauge(String name, IntegrationName integration, String loop, T state, ToDoubleFunction<T> value) {
        io.micrometer.core.instrument.Gauge.Builder<T> builder = io.micrometer.core.instrument.Gauge
                .builder(name, state, value).strongReference(true).tag("integration", integration.value());
        if (loop != null) {
            builder.tag("loop", loop);
        }
        if (name.endsWith("timestamp")) {
            builder.baseUnit("seconds");
        }
        builder.register(registry);
    }

    private Counter counter(String name, IntegrationName integration) {
        return Counter.builder(name).tag("integration", integration.value()).register(registry);
    }

    private void add(String name, IntegrationName integration, int amount) {
        Counter counter = counter(name, integration);
        if (amount > 0) {
            counter.increment(amount);
        }
    }
}
