package io.jakamoconnector.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.model.exchange.IntegrationKind;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fake context audits as the SPI promises: stamped with time and node, the side's own actor kept. */
class InMemoryErpContextTest {
    private static final IntegrationName ORDERS = new IntegrationName("orders");

    @TempDir
    Path state;

    @Test
    void an_event_keeps_the_actor_the_side_gave_it_and_one_without_gets_the_services() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-07T09:00:00Z"));
        InMemoryErpContext context = new InMemoryErpContext(clock, state,
                Map.of(ORDERS, IntegrationKind.PURCHASE_ORDERS));

        context.audit(AuditEvent.builder(AuditAction.ERP_CALL_SERVED, AuditOutcome.OK).actor("erp-key:erp-prod-1")
                .integration(ORDERS));
        context.audit(AuditEvent.builder(AuditAction.MESSAGE_PUSHED, AuditOutcome.OK).integration(ORDERS));

        assertThat(context.audited()).extracting(AuditEvent::actor).containsExactly("erp-key:erp-prod-1", "connector");
        assertThat(context.audited()).allSatisfy(e -> {
            assertThat(e.node()).isEqualTo("node-1");
            assertThat(e.at()).isEqualTo(Instant.parse("2026-12-07T09:00:00Z"));
        });
    }
}
