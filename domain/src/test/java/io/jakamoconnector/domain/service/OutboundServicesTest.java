package io.jakamoconnector.domain.service;

import static io.jakamoconnector.domain.service.OutboundFixture.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.document.Sha256;
import io.jakamoconnector.domain.model.exchange.ErpDocumentRef;
import io.jakamoconnector.domain.model.exchange.SendOutcome;
import io.jakamoconnector.domain.model.sync.OperatorDecision;
import io.jakamoconnector.domain.model.sync.OutboundCorrection;
import io.jakamoconnector.domain.model.sync.OutboundRecord;
import io.jakamoconnector.domain.model.sync.OutboundState;
import io.jakamoconnector.domain.port.in.DiscardOutboundDocumentCommand;
import io.jakamoconnector.domain.port.in.SendOutboundDocumentsCommand;
import io.jakamoconnector.domain.port.in.SendOutboundDocumentsResult;
import io.jakamoconnector.domain.port.out.ArchiveVerdict;
import io.jakamoconnector.domain.port.out.StateStoreException;
import io.jakamoconnector.domain.port.out.OutboundStatePort;
import io.jakamoconnector.domain.testing.CrashPoints;
import io.jakamoconnector.domain.testing.Documents;
import io.jakamoconnector.domain.testing.SimulatedCrash;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutboundServicesTest {
    private final OutboundFixture f = new OutboundFixture();

    private static Sha256 sha(String xml) {
        return Sha256.of(xml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void sendsADroppedOrderOnceWithItsExactBytesAndArchivesIt() {
        String order = Documents.order("PO-1");
        ErpDocumentRef ref = f.erp.drop(ORDERS, "PO-1.xml", order);

        f.cycle();

        assertThat(f.jakamo.received()).singleElement().satisfies(d -> {
            assertThat(d.document().bytes()).isEqualTo(order.getBytes(StandardCharsets.UTF_8));
            assertThat(d.document().businessKey()).hasValueSatisfying(k -> assertThat(k.value()).isEqualTo("PO-1"));
        });
        assertThat(f.erp.archived()).containsEntry(ref, new ArchiveVerdict.Processed());
        assertThat(f.state.outbound()).singleElement().satisfies(r -> {
            assertThat(r.state()).isEqualTo(OutboundState.SENT);
            assertThat(r.archived()).isTrue();
        });
        assertThat(f.audit.events()).extracting(AuditEvent::action).containsExactly(AuditAction.DOCUMENT_PICKED_UP,
                AuditAction.DOCUMENT_CLAIMED, AuditAction.DOCUMENT_SENT, AuditAction.DOCUMENT_ARCHIVED);
    }

    @Test
    void aFileOfferedAgainBeforeArchivingIsNotRecordedTwice() {
        f.erp.drop(ORDERS, "PO-1.xml", Documents.order("PO-1"));
        assertThat(f.pickUp().recorded()).isEqualTo(1);
        assertThat(f.pickUp().alreadyKnown()).isEqualTo(1);
        f.send();
        assertThat(f.jakamo.received()).hasSize(1);
    }

    /** The version read is sent and kept; the ERP's rewrite is neither filed away unsent nor lost: it is sent too. */
    @Test
    void aFileTheErpRewritesAfterItWasReadIsSentAsANewDocumentNotArchivedUnsent() {
        String first = Documents.order("PO-1");
        String second = first.replace(">10<", ">12<");
        ErpDocumentRef ref = f.erp.drop(ORDERS, "PO-1.xml", first);
        f.pickUp();
        f.erp.rewrite(ORDERS, ref, second);

        f.send();
        assertThat(f.erp.archived()).as("the rewritten file stays in the drop folder").doesNotContainKey(ref);
        assertThat(f.erp.waiting(ORDERS)).isEqualTo(1);
        assertThat(f.audit.events()).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo(AuditAction.DOCUMENT_ARCHIVED);
            assertThat(e.outcome()).isEqualTo(AuditOutcome.DENIED);
            assertThat(e.reason()).contains("rewrote the file after it was read");
        });

        f.cycle();
        assertThat(f.jakamo.received()).extracting(d -> new String(d.document().bytes(), StandardCharsets.UTF_8))
                .containsExactly(first, second);
        assertThat(f.erp.archived()).containsEntry(ref, new ArchiveVerdict.Processed());
        assertThat(f.erp.waiting(ORDERS)).isZero();
    }

    /** Reliability finding: a token outage used to defer each claimed document by its own retry wait. */
    @Test
    void aTokenOutageClaimsNothingCostsNoAttemptAndTheDocumentGoesAtTheFirstRoundAfterIt() {
        ErpDocumentRef ref = f.erp.drop(ORDERS, "PO-1.xml", Documents.order("PO-1"));
        f.pickUp();
        f.jakamo.notReady(new io.jakamoconnector.domain.port.out.AccessTokenUnavailableException(ORDERS,
                io.jakamoconnector.domain.port.out.AccessTokenUnavailableException.Reason.NETWORK,
                "the token service did not answer", null, null, null));
        org.assertj.core.api.Assertions.assertThatThrownBy(f::send)
                .isInstanceOf(io.jakamoconnector.domain.port.out.AccessTokenUnavailableException.class);
        assertThat(f.state.outbound()).singleElement().satisfies(r -> {
            assertThat(r.state()).isEqualTo(OutboundState.PENDING);
            assertThat(r.attempts()).as("no attempt spent").isZero();
            assertThat(r.nextAttemptAt()).as("no retry wait").isEmpty();
        });

        f.jakamo.notReady(null);
        f.send();
        assertThat(f.jakamo.received()).hasSize(1);
        assertThat(f.erp.archived()).containsEntry(ref, new ArchiveVerdict.Processed());
    }

    @Test
    void theSameBytesDroppedUnderAnotherNameAreNotSentAgain() {
        f.erp.drop(ORDERS, "PO-1.xml", Documents.order("PO-1"));
        f.cycle();
        ErpDocumentRef copy = f.erp.drop(ORDERS, "PO-1-again.xml", Documents.order("PO-1"));
        f.cycle();
        assertThat(f.jakamo.received()).hasSize(1);
        assertThat(f.erp.archived().get(copy)).isInstanceOfSatisfying(ArchiveVerdict.Failed.class,
                v -> {
                    assertThat(v.whatHappened()).contains("copy of the Order dropped as PO-1.xml (document 1, sent "
                            + "to Jakamo)");
                    assertThat(v.whatToDo()).as("a retry of a sent document would fail").startsWith("nothing")
                            .doesNotContain("messages retry");
                });
    }

    @Test
    void anUnreadableFileIsArchivedAsFailedWithWhatToDo() {
        ErpDocumentRef ref = f.erp.drop(ORDERS, "broken.xml", "<Order><cbc:ID>PO-1");
        f.cycle();
        assertThat(f.jakamo.received()).isEmpty();
        assertThat(f.erp.archived().get(ref)).isInstanceOfSatisfying(ArchiveVerdict.Failed.class, v -> {
            assertThat(v.delivery()).isEqualTo(ArchiveVerdict.Delivery.NOT_SENT);
            assertThat(v.whatHappened()).contains("not well-formed");
            assertThat(v.whatToDo()).contains("export the document again");
        });
        assertThat(f.state.outbound().get(0).state()).isEqualTo(OutboundState.FAILED);
    }

    @Test
    void aDocumentThisIntegrationDoesNotSendIsRefused() {
        ErpDocumentRef ref = f.erp.drop(ORDERS, "resp.xml", Documents.orderResponse("PO-1", "S"));
        f.cycle();
        assertThat(f.jakamo.received()).isEmpty();
        assertThat(((ArchiveVerdict.Failed) f.erp.archived().get(ref)).whatHappened())
                .contains("purchase-orders integration does not send OrderResponse");
    }

    @Test
    void aChangeDroppedBeforeItsOrderWaitsForIt() {
        f.erp.drop(ORDERS, "a-change.xml", Documents.orderChange("PO-5", 1));
        f.pickUp();
        f.erp.drop(ORDERS, "b-order.xml", Documents.order("PO-5"));
        f.pickUp();
        f.send();
        assertThat(f.jakamo.received()).as("the Order first, though its change was dropped earlier")
                .extracting(d -> d.document().type().label()).containsExactly("Order", "OrderChange");
    }

    @Test
    void aChangePickedUpAfterItsOrderIsSentAfterIt() {
        f.erp.drop(ORDERS, "b-order.xml", Documents.order("PO-6"));
        f.pickUp();
        f.erp.drop(ORDERS, "a-change.xml", Documents.orderChange("PO-6", 1));
        f.pickUp();
        f.jakamo.script(new SendOutcome.Deferred("503", Optional.empty()));
        f.send();
        assertThat(f.jakamo.received()).as("the change must not overtake its deferred order").isEmpty();
        f.clock.advance(Duration.ofMinutes(1));
        f.send();
        assertThat(f.jakamo.received()).extracting(d -> d.document().type().label())
                .containsExactly("Order", "OrderChange");
    }

    @Test
    void aRejectedDocumentFailsWithJakamosMessages() {
        ErpDocumentRef ref = f.erp.drop(ORDERS, "PO-1.xml", Documents.order("PO-1"));
        f.jakamo.script(new SendOutcome.Rejected("HTTP 422", List.of("SellerContact/ID: no user mapping")));
        f.cycle();
        assertThat(f.state.outbound().get(0).state()).isEqualTo(OutboundState.FAILED);
        ArchiveVerdict.Failed verdict = (ArchiveVerdict.Failed) f.erp.archived().get(ref);
        assertThat(verdict.delivery()).isEqualTo(ArchiveVerdict.Delivery.REFUSED_BY_JAKAMO);
        assertThat(verdict.whatHappened()).contains("HTTP 422").contains("no user mapping");
        assertThat(verdict.whatToDo()).contains("messages retry 1 --reason \"");
    }

    @Test
    void transientFailuresAreRetriedWithBackoffThenDeclaredDead() {
        f.erp.drop(ORDERS, "PO-1.xml", Documents.order("PO-1"));
        f.jakamo.script(new SendOutcome.Deferred("503", Optional.empty()),
                new SendOutcome.Deferred("429", Optional.of(Duration.ofMinutes(5))),
                new SendOutcome.Deferred("503", Optional.empty()));
        f.cycle();
        OutboundRecord afterFirst = f.state.outbound().get(0);
        assertThat(afterFirst.nextAttemptAt()).contains(f.clock.instant().plusSeconds(30));
        f.send();
        assertThat(f.state.outbound().get(0).attempts()).as("not due yet").isEqualTo(1);
        f.clock.advance(Duration.ofSeconds(30));
        f.send();
        assertThat(f.state.outbound().get(0).nextAttemptAt()).as("Retry-After wins over backoff")
                .contains(f.clock.instant().plus(Duration.ofMinutes(5)));
        f.clock.advance(Duration.ofMinutes(5));
        f.send();
        assertThat(f.state.outbound().get(0).state()).isEqualTo(OutboundState.DEAD);
        assertThat(f.jakamo.received()).isEmpty();
        ArchiveVerdict.Failed verdict = (ArchiveVerdict.Failed) f.erp.archived().values().iterator().next();
        assertThat(verdict.delivery()).isEqualTo(ArchiveVerdict.Delivery.NOT_DELIVERED);
    }

    @Test
    void anInDoubtReportNamesTheEvidenceTheConnectorHasThatJakamoGotTheOrder() {
        ErpDocumentRef ref = f.erp.drop(ORDERS, "PO-7.xml", Documents.order("PO-7"));
        f.state.recordDelivered(new io.jakamoconnector.domain.model.sync.InboundReceipt(ORDERS,
                new io.jakamoconnector.domain.model.sync.DedupKey(io.jakamoconnector.domain.model.document.Sha256.of(
                        "r".getBytes(java.nio.charset.StandardCharsets.UTF_8)).hex()),
                io.jakamoconnector.domain.model.document.DocumentType.ORDER_RESPONSE,
                java.util.Optional.of(new io.jakamoconnector.domain.model.document.BusinessKey("PO-7")),
                io.jakamoconnector.domain.model.document.Sha256.of("r".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                f.clock.instant()), new io.jakamoconnector.domain.testing.InMemoryQueueLeases().tryAcquire(ORDERS, "t")
                .orElseThrow(), () -> "OrderResponse-PO-7.xml");
        f.jakamo.script(new SendOutcome.InDoubt("connection reset after the request was written"));
        f.cycle();

        ArchiveVerdict.Failed verdict = (ArchiveVerdict.Failed) f.erp.archived().get(ref);
        assertThat(verdict.delivery()).isEqualTo(ArchiveVerdict.Delivery.MAY_HAVE_BEEN_SENT);
        assertThat(verdict.whatHappened()).contains("Evidence: OrderResponse for PO-7 arrived from Jakamo at "
                + f.clock.instant());
    }

    @Test
    void aDiscardedInDoubtDocumentIsFiledAsDiscardedAtTheNextRoundAndNeverSentAgain() {
        ErpDocumentRef ref = f.erp.drop(ORDERS, "PO-1.xml", Documents.order("PO-1"));
        f.jakamo.script(new SendOutcome.InDoubt("timed out after the request was written"));
        f.cycle();
        long id = f.state.outbound().get(0).id();
        assertThat(f.erp.archived().get(ref)).isInstanceOf(ArchiveVerdict.Failed.class);

        assertThat(new DiscardOutboundDocumentService(f.state, f.audit, f.clock, "node-1").discard(
                new DiscardOutboundDocumentCommand(id, new OperatorDecision("operator:alice", "cancelled in the ERP"))))
                .isInstanceOf(OutboundCorrection.Applied.class);
        f.clock.advance(Duration.ofHours(2));
        f.cycle();

        assertThat(f.jakamo.received()).hasSize(1);
        assertThat(f.state.outbound().get(0).state()).isEqualTo(OutboundState.DISCARDED);
        assertThat(f.state.outbound().get(0).archived()).isTrue();
        assertThat(f.erp.archived().get(ref)).isInstanceOfSatisfying(ArchiveVerdict.Discarded.class, v -> {
            assertThat(v.whatHappened()).contains("operator discarded").contains("messages show " + id);
            assertThat(v.whatToDo()).startsWith("nothing");
        });
        assertThat(f.audit.events()).filteredOn(e -> e.action() == AuditAction.DOCUMENT_ARCHIVED)
                .extracting(AuditEvent::reason).containsExactly("failed", "discarded");
    }

    @Test
    void anInDoubtAnswerIsNeverResentAndTellsTheOperatorWhatToDo() {
        ErpDocumentRef ref = f.erp.drop(ORDERS, "PO-1.xml", Documents.order("PO-1"));
        f.jakamo.script(new SendOutcome.InDoubt("timed out after the request was written"));
        f.cycle();
        f.clock.advance(Duration.ofHours(2));
        f.cycle();
        assertThat(f.jakamo.received()).hasSize(1);
        assertThat(f.state.outbound().get(0).state()).isEqualTo(OutboundState.IN_DOUBT);
        ArchiveVerdict.Failed verdict = (ArchiveVerdict.Failed) f.erp.archived().get(ref);
        assertThat(verdict.delivery()).as("never 'not sent': a clerk would drop it again")
                .isEqualTo(ArchiveVerdict.Delivery.MAY_HAVE_BEEN_SENT);
        assertThat(verdict.whatHappened()).as("no evidence to name").doesNotContain("Evidence");
        assertThat(verdict.whatToDo()).startsWith("do not drop it again").contains("Order PO-1")
                .contains("messages resolve 1 --sent --reason \"").contains("messages resolve 1 --not-sent --reason \"");
        assertThat(f.audit.count(AuditAction.DOCUMENT_IN_DOUBT)).isEqualTo(1);
    }

    @Test
    void aSenderPausedPastItsClaimDoesNotOverwriteTheDocumentsNewerState() {
        ErpDocumentRef ref = f.erp.drop(ORDERS, "PO-P.xml", Documents.order("PO-P"));
        f.pickUp();
        f.jakamo.duringNextSend(() -> {
            // a GC pause or SIGSTOP longer than the claim: another round declares the document in doubt
            f.clock.advance(OutboundFixture.POLICY.claimTtl().plusSeconds(1));
            f.state.expireAbandonedSends(ORDERS, f.clock.instant(), OutboundFixture.POLICY.claimTtl());
        });

        f.send();

        assertThat(f.state.outbound().get(0).state()).isEqualTo(OutboundState.IN_DOUBT);
        assertThat(f.erp.archived()).doesNotContainKey(ref);
        assertThat(f.audit.events()).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo(AuditAction.DOCUMENT_IN_DOUBT);
            assertThat(e.reason()).contains("outcome sent").contains("after this sender's claim was lost");
        });
    }

    /**
     * A sender paused between claiming a document and marking it sending, past its claim, and another sender took the
     * document: the store answers that the claim was lost, so this sender sends nothing and its round goes on. Before,
     * the refusal was a store failure that ended the round.
     */
    @Test
    void aSenderWhoseClaimWasTakenBeforeItSentSendsNothingAndGoesOn() {
        f.erp.drop(ORDERS, "PO-Q.xml", Documents.order("PO-Q"));
        f.pickUp();
        Duration ttl = OutboundFixture.POLICY.claimTtl();
        boolean[] paused = {false};
        OutboundStatePort racing = (OutboundStatePort) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {OutboundStatePort.class}, (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(f.state, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("claimNext") && !paused[0]) {
                        paused[0] = true;
                        f.clock.advance(ttl.plusSeconds(1));
                        f.state.claimNext(ORDERS, "node-2/sender", f.clock.instant(), ttl).orElseThrow();
                    }
                    return result;
                });
        SendOutboundDocumentsService sender = new SendOutboundDocumentsService(racing, f.jakamo, f.erp,
                new AuditWriter(f.audit, f.clock, "node-1"), f.clock, OutboundFixture.POLICY);

        SendOutboundDocumentsResult result = sender.send(new SendOutboundDocumentsCommand(ORDERS, "node-1/sender",
                100));

        assertThat(result.sent() + result.failed() + result.deferred() + result.dead() + result.inDoubt()).isZero();
        assertThat(f.jakamo.received()).isEmpty();
        assertThat(f.state.outbound()).singleElement().satisfies(r -> {
            assertThat(r.state()).isEqualTo(OutboundState.PENDING);
            assertThat(r.claimedBy()).contains("node-2/sender");
            assertThat(r.attempts()).isZero();
        });
        assertThat(f.audit.count(AuditAction.DOCUMENT_CLAIMED)).isZero();
    }

    /**
     * The database went away between the claim and {@code markSending} (the fault matrix's "PostgreSQL down/up"): the
     * sender's next round, once the database is back, sends the document at once, not a claim TTL later.
     */
    @Test
    void aDocumentWhoseSenderLostTheDatabaseRightAfterClaimingItGoesInTheNextRoundNotAClaimTtlLater() {
        f.erp.drop(ORDERS, "PO-1.xml", Documents.order("PO-1"));
        f.crashes.arm(CrashPoints.AFTER_CLAIM);
        assertThatThrownBy(f::cycle).isInstanceOf(SimulatedCrash.class);
        assertThat(f.state.outbound()).singleElement().satisfies(r -> {
            assertThat(r.state()).isEqualTo(OutboundState.PENDING);
            assertThat(r.claimedBy()).isPresent();
        });

        f.clock.advance(Duration.ofSeconds(5));
        f.cycle();

        assertThat(f.jakamo.timesReceived(sha(Documents.order("PO-1")))).isEqualTo(1);
        assertThat(f.state.outbound()).singleElement().satisfies(r -> {
            assertThat(r.state()).isEqualTo(OutboundState.SENT);
            assertThat(r.attempts()).isEqualTo(1);
        });
    }

    /**
     * Jakamo accepted the document but the database connection was reset as the outcome was recorded (the fault
     * matrix's "PostgreSQL connection reset"): the answer is not thrown away. The next round records it as SENT,
     * with its one document_sent event, and archives the file; before, the document sat SENDING until its claim
     * expired and was then flagged in doubt although the connector knew Jakamo had it.
     */
    @ParameterizedTest
    @ValueSource(strings = {CrashPoints.DATABASE_ERROR_ON_RECORD_OUTCOME,
            CrashPoints.DATABASE_ERROR_AFTER_RECORD_OUTCOME})
    void anOutcomeTheDatabaseDidNotTakeIsRecordedInTheNextRoundNotLeftToBecomeInDoubt(String point) {
        // ON: nothing was written; AFTER: the commit landed but its answer was lost, so the retry finds it done
        f.erp.drop(ORDERS, "PO-1.xml", Documents.order("PO-1"));
        f.crashes.arm(point);
        assertThatThrownBy(f::cycle).isInstanceOfSatisfying(StateStoreException.class,
                e -> assertThat(e.retryable()).isTrue());
        assertThat(f.state.outbound()).singleElement().satisfies(r -> assertThat(r.state()).isEqualTo(
                point.equals(CrashPoints.DATABASE_ERROR_ON_RECORD_OUTCOME) ? OutboundState.SENDING
                        : OutboundState.SENT));

        f.clock.advance(Duration.ofSeconds(5));
        f.cycle();

        assertThat(f.jakamo.timesReceived(sha(Documents.order("PO-1")))).as("not sent again").isEqualTo(1);
        assertThat(f.state.outbound()).singleElement().satisfies(r -> {
            assertThat(r.state()).isEqualTo(OutboundState.SENT);
            assertThat(r.archived()).isTrue();
        });
        assertThat(f.audit.count(AuditAction.DOCUMENT_SENT)).isEqualTo(1);
        assertThat(f.audit.count(AuditAction.DOCUMENT_IN_DOUBT)).isZero();
        assertThat(f.erp.archived()).containsValue(new ArchiveVerdict.Processed());
    }

    /**
     * The process dies at each step of sending the second of three documents. After a restart: nothing is lost, and
     * a document is sent twice never; where the crash fell inside the in-doubt window, the document is flagged in
     * doubt (and audited) rather than sent again.
     */
    @ParameterizedTest
    @ValueSource(strings = {CrashPoints.AFTER_ERP_PICKUP, CrashPoints.AFTER_REGISTER, CrashPoints.AFTER_CLAIM,
            CrashPoints.AFTER_MARK_SENDING, CrashPoints.AFTER_SEND, CrashPoints.AFTER_RECORD_OUTCOME,
            CrashPoints.AFTER_ERP_ARCHIVE})
    void aCrashAtAnyStepLosesNothingAndNeverSendsTwice(String point) {
        List<String> docs = List.of(Documents.order("PO-1"), Documents.order("PO-2"), Documents.order("PO-3"));
        f.erp.drop(ORDERS, "PO-1.xml", docs.get(0));
        f.cycle();
        f.erp.drop(ORDERS, "PO-2.xml", docs.get(1));
        f.erp.drop(ORDERS, "PO-3.xml", docs.get(2));

        f.crashes.arm(point);
        assertThatThrownBy(f::cycle).isInstanceOf(SimulatedCrash.class);
        f.clock.advance(OutboundFixture.POLICY.claimTtl().plusSeconds(1));   // the dead claim expires
        f.cycle();
        f.cycle();

        for (String doc : docs) {
            assertThat(f.jakamo.timesReceived(sha(doc))).as("sent at most once").isLessThanOrEqualTo(1);
        }
        assertThat(f.erp.waiting(ORDERS)).as("every file archived").isZero();
        assertThat(f.state.outbound()).hasSize(3).allSatisfy(r -> {
            if (r.state() == OutboundState.IN_DOUBT) {
                assertThat(point).isIn(CrashPoints.AFTER_MARK_SENDING, CrashPoints.AFTER_SEND);
            } else {
                assertThat(r.state()).isEqualTo(OutboundState.SENT);
                assertThat(f.jakamo.timesReceived(r.sha256())).as("nothing lost").isEqualTo(1);
            }
        });
        long inDoubt = f.state.outbound().stream().filter(r -> r.state() == OutboundState.IN_DOUBT).count();
        assertThat(f.audit.count(AuditAction.DOCUMENT_IN_DOUBT)).as("every in-doubt document flagged").isEqualTo(inDoubt);
    }
}
