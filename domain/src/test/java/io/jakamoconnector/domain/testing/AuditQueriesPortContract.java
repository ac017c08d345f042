package io.jakamoconnector.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.model.audit.AuditedDocument;
import io.jakamoconnector.domain.model.audit.CorrelationId;
import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.document.Sha256;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.AuditQueriesPort;
import io.jakamoconnector.domain.port.out.AuditTrailPort;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link AuditQueriesPort} must do; run against the in-memory trail and the real database alike. */
public abstract class AuditQueriesPortContract {
    private static final IntegrationName ORDERS = new IntegrationName("orders");
    private static final IntegrationName CLAIMS = new IntegrationName("claims");
    private static final Sha256 PO_1 = Sha256.of("po-1".getBytes(StandardCharsets.UTF_8));
    private static final Sha256 PO_2 = Sha256.of("po-2".getBytes(StandardCharsets.UTF_8));
    private final Instant t0 = Instant.parse("2026-11-29T10:00:00Z");
    private AuditTrailPort trail;
    private AuditQueriesPort queries;

    /** A fresh, empty trail; {@link #queries()} then reads the same one. */
    protected abstract AuditTrailPort newTrail();

    protected abstract AuditQueriesPort queries();

    @BeforeEach
    void createTrail() {
        trail = newTrail();
        queries = queries();
    }

    private AuditEvent event(AuditAction action, AuditOutcome outcome, IntegrationName integration, Sha256 sha,
                             int second, String reason, Integer attempt) {
        AuditEvent.Builder b = AuditEvent.builder(action, outcome).at(t0.plusSeconds(second)).node("node-1")
                .actor("connector").integration(integration).businessKey(new BusinessKey("PO-1")).fileName("po-1.xml")
                .sha256(sha).reason(reason).correlationId(new CorrelationId("c-" + second))
                .remoteCorrelationId("r-" + second).durationMillis(12L);
        return (attempt == null ? b : b.attempt(attempt)).build();
    }

    @Test
    void theEventsAboutADocumentAreItsIntegrationsAndBytesInTheTrailsOrderWithEveryField() {
        AuditEvent pickedUp = event(AuditAction.DOCUMENT_PICKED_UP, AuditOutcome.OK, ORDERS, PO_1, 0, null, null);
        AuditEvent deferred = event(AuditAction.DOCUMENT_DEFERRED, AuditOutcome.RETRY, ORDERS, PO_1, 10,
                "Jakamo answered 503", 1);
        AuditEvent sent = event(AuditAction.DOCUMENT_SENT, AuditOutcome.OK, ORDERS, PO_1, 20, null, 2);
        trail.append(pickedUp);
        trail.append(event(AuditAction.DOCUMENT_PICKED_UP, AuditOutcome.OK, ORDERS, PO_2, 1, null, null));
        trail.append(event(AuditAction.DOCUMENT_PICKED_UP, AuditOutcome.OK, CLAIMS, PO_1, 2, null, null));
        trail.append(deferred);
        trail.append(AuditEvent.builder(AuditAction.SERVICE_STARTED, AuditOutcome.OK).at(t0.plusSeconds(15))
                .node("node-1").actor("connector").build());
        trail.append(sent);

        List<AuditEvent> about = queries.eventsAbout(new AuditedDocument(ORDERS, PO_1), 100);

        assertThat(about).containsExactly(pickedUp, deferred, sent);
        assertThat(queries.eventsAbout(new AuditedDocument(ORDERS, PO_1), 2)).as("the newest when limited")
                .containsExactly(deferred, sent);
        assertThat(queries.eventsAbout(new AuditedDocument(CLAIMS, PO_2), 100)).isEmpty();
    }

    @Test
    void lastSentIsTheLatestAcceptedSendingOfEachDocumentAskedFor() {
        AuditedDocument first = new AuditedDocument(ORDERS, PO_1);
        AuditedDocument second = new AuditedDocument(ORDERS, PO_2);
        AuditedDocument otherIntegration = new AuditedDocument(CLAIMS, PO_1);
        trail.append(event(AuditAction.DOCUMENT_SENT, AuditOutcome.OK, ORDERS, PO_1, 5, null, 1));
        trail.append(event(AuditAction.DOCUMENT_SENT, AuditOutcome.OK, ORDERS, PO_1, 50, null, 1));
        trail.append(event(AuditAction.DOCUMENT_FAILED, AuditOutcome.FAIL, ORDERS, PO_2, 60, "Jakamo said no", 1));
        trail.append(event(AuditAction.DOCUMENT_RESOLVED, AuditOutcome.OK, ORDERS, PO_2, 70, "found it", null));
        trail.append(event(AuditAction.DOCUMENT_SENT, AuditOutcome.OK, CLAIMS, PO_2, 80, null, 1));

        Map<AuditedDocument, Instant> sent = queries.lastSent(List.of(first, second, otherIntegration));

        assertThat(sent).containsExactly(Map.entry(first, t0.plusSeconds(50)));
        assertThat(queries.lastSent(List.of())).isEmpty();
    }
}
