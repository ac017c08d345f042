package io.jakamoconnector.domain.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.document.DocumentReader;
import io.jakamoconnector.domain.model.exchange.ErpDocumentRef;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.exchange.OutgoingDocument;
import io.jakamoconnector.domain.model.sync.OperatorDecision;
import io.jakamoconnector.domain.model.sync.OutboundCorrection;
import io.jakamoconnector.domain.model.sync.OutboundRecord;
import io.jakamoconnector.domain.model.sync.OutboundRegistration;
import io.jakamoconnector.domain.model.sync.OutboundState;
import io.jakamoconnector.domain.port.in.DiscardOutboundDocumentCommand;
import io.jakamoconnector.domain.port.in.ResolveInDoubtDocumentCommand;
import io.jakamoconnector.domain.port.in.RetryOutboundDocumentCommand;
import io.jakamoconnector.domain.testing.AttemptEnds;
import io.jakamoconnector.domain.testing.Documents;
import io.jakamoconnector.domain.testing.InMemoryAuditTrail;
import io.jakamoconnector.domain.testing.InMemorySyncState;
import io.jakamoconnector.domain.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The operator's corrections as use cases, against the fakes. */
class OperatorCorrectionServicesTest {
    private static final IntegrationName ORDERS = new IntegrationName("orders");
    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryAuditTrail trail = new InMemoryAuditTrail();
    private final InMemorySyncState state = new InMemorySyncState(trail);
    private final RetryOutboundDocumentService retry = new RetryOutboundDocumentService(state, trail, clock, "node-1");
    private final ResolveInDoubtDocumentService resolve = new ResolveInDoubtDocumentService(state, trail, clock,
            "node-1");
    private final DiscardOutboundDocumentService discard = new DiscardOutboundDocumentService(state, trail, clock,
            "node-1");
    private final OperatorDecision alice = new OperatorDecision("operator:alice", "ticket 4711");

    private OutboundRecord finished(String order, OutboundState outcome) {
        OutgoingDocument doc = new OutgoingDocument(new ErpDocumentRef(order + ".xml"), new DocumentReader()
                .readDocument(Documents.order(order).getBytes(StandardCharsets.UTF_8)), order + ".xml");
        OutboundRecord r = ((OutboundRegistration.Registered) state.registerOutbound(ORDERS, doc,
                Optional.empty(), T0)).record();
        state.claimNext(ORDERS, "n", T0, Duration.ofMinutes(5)).orElseThrow();
        state.markSending(r.id(), "n", T0);
        state.recordOutcome(r.id(), "n", AttemptEnds.leaving(outcome, "boom"), T0);
        return state.findOutbound(r.id()).orElseThrow();
    }

    @Test
    void aRetryIsAuditedWithTheOperatorTheIntegrationAndTheReason() {
        OutboundRecord dead = finished("PO-1", OutboundState.DEAD);

        OutboundCorrection result = retry.retry(new RetryOutboundDocumentCommand(dead.id(), alice));

        assertThat(result).isInstanceOf(OutboundCorrection.Applied.class);
        assertThat(state.findOutbound(dead.id()).orElseThrow().state()).isEqualTo(OutboundState.PENDING);
        AuditEvent event = trail.events().get(trail.events().size() - 1);
        assertThat(event.action()).isEqualTo(AuditAction.DOCUMENT_RETRIED);
        assertThat(event.outcome()).isEqualTo(AuditOutcome.OK);
        assertThat(event.actor()).isEqualTo("operator:alice");
        assertThat(event.integration()).isEqualTo(ORDERS);
        assertThat(event.businessKey()).isEqualTo(new BusinessKey("PO-1"));
        assertThat(event.at()).isEqualTo(T0);
        assertThat(event.reason()).isEqualTo("retry document " + dead.id() + " (dead -> pending): ticket 4711");
    }

    @Test
    void aDiscardIsAuditedWithTheOperatorTheIntegrationAndTheReason() {
        OutboundRecord inDoubt = finished("PO-5", OutboundState.IN_DOUBT);

        OutboundCorrection result = discard.discard(new DiscardOutboundDocumentCommand(inDoubt.id(), alice));

        assertThat(result).isInstanceOf(OutboundCorrection.Applied.class);
        assertThat(state.findOutbound(inDoubt.id()).orElseThrow().state()).isEqualTo(OutboundState.DISCARDED);
        AuditEvent event = trail.events().get(trail.events().size() - 1);
        assertThat(event.action()).isEqualTo(AuditAction.DOCUMENT_DISCARDED);
        assertThat(event.action().code()).isEqualTo("document_discarded");
        assertThat(event.outcome()).isEqualTo(AuditOutcome.OK);
        assertThat(event.actor()).isEqualTo("operator:alice");
        assertThat(event.integration()).isEqualTo(ORDERS);
        assertThat(event.businessKey()).isEqualTo(new BusinessKey("PO-5"));
        assertThat(event.reason()).isEqualTo("discard document " + inDoubt.id()
                + " (in_doubt -> discarded): ticket 4711");
    }

    @Test
    void aSentDocumentIsNotDiscardedAndTheRefusalIsAudited() {
        OutboundRecord sent = finished("PO-6", OutboundState.SENT);

        OutboundCorrection result = discard.discard(new DiscardOutboundDocumentCommand(sent.id(), alice));

        assertThat(result).isEqualTo(new OutboundCorrection.Refused(sent.id(), "document " + sent.id()
                + " is sent; only a failed, dead or in-doubt document can be discarded"));
        assertThat(state.findOutbound(sent.id()).orElseThrow()).isEqualTo(sent);
        AuditEvent event = trail.events().get(trail.events().size() - 1);
        assertThat(event.action()).isEqualTo(AuditAction.DOCUMENT_DISCARDED);
        assertThat(event.outcome()).isEqualTo(AuditOutcome.FAIL);
        assertThat(event.reason()).startsWith("discard document " + sent.id() + " refused");
    }

    @Test
    void aRefusedCorrectionIsAValueChangesNothingAndIsAuditedAsFailed() {
        OutboundRecord sent = finished("PO-2", OutboundState.SENT);

        OutboundCorrection result = retry.retry(new RetryOutboundDocumentCommand(sent.id(), alice));
        OutboundCorrection notInDoubt = resolve.resolve(new ResolveInDoubtDocumentCommand(sent.id(), true, alice));

        assertThat(result).isInstanceOf(OutboundCorrection.Refused.class);
        assertThat(((OutboundCorrection.Refused) result).reason()).contains("is sent")
                .contains("only a failed or dead document can be retried");
        assertThat(notInDoubt).isInstanceOf(OutboundCorrection.Refused.class);
        assertThat(state.findOutbound(sent.id()).orElseThrow()).isEqualTo(sent);
        assertThat(trail.events()).filteredOn(e -> e.outcome() == AuditOutcome.FAIL).hasSize(2)
                .allSatisfy(e -> assertThat(e.actor()).isEqualTo("operator:alice"));
    }

    @Test
    void resolvingSentOrNotSentIsAuditedAsAResolve() {
        OutboundRecord found = finished("PO-3", OutboundState.IN_DOUBT);
        OutboundRecord missing = finished("PO-4", OutboundState.IN_DOUBT);

        resolve.resolve(new ResolveInDoubtDocumentCommand(found.id(), true, alice));
        resolve.resolve(new ResolveInDoubtDocumentCommand(missing.id(), false, alice));

        assertThat(state.findOutbound(found.id()).orElseThrow().state()).isEqualTo(OutboundState.SENT);
        assertThat(state.findOutbound(missing.id()).orElseThrow().state()).isEqualTo(OutboundState.PENDING);
        assertThat(trail.events()).filteredOn(e -> e.action() == AuditAction.DOCUMENT_RESOLVED)
                .extracting(AuditEvent::reason)
                .containsExactly("resolve document " + found.id() + " as sent (in_doubt -> sent): ticket 4711",
                        "resolve document " + missing.id() + " as not sent (in_doubt -> pending): ticket 4711");
    }
}
