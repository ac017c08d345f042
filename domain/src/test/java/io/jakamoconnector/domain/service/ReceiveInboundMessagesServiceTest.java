package io.jakamoconnector.domain.service;

import static io.jakamoconnector.domain.service.InboundFixture.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.sync.InboundRecord;
import io.jakamoconnector.domain.model.sync.InboundState;
import io.jakamoconnector.domain.port.in.ReceiveInboundMessagesResult;
import io.jakamoconnector.domain.port.in.ReceiveInboundMessagesResult.StopReason;
import io.jakamoconnector.domain.port.out.QueueLease;
import io.jakamoconnector.domain.testing.CrashPoints;
import io.jakamoconnector.domain.testing.Documents;
import io.jakamoconnector.domain.testing.SimulatedCrash;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReceiveInboundMessagesServiceTest {
    private final InboundFixture f = new InboundFixture();

    @Test
    void deliversEachMessageThenAcknowledgesIt() {
        f.queue.enqueue(ORDERS, Documents.orderResponse("PO-1", "SO-1"));
        f.queue.enqueue(ORDERS, Documents.orderResponse("PO-1", "SO-2"));

        ReceiveInboundMessagesResult result = f.drain();

        assertThat(result.stoppedBecause()).isEqualTo(StopReason.QUEUE_EMPTY);
        assertThat(result.delivered()).isEqualTo(2);
        assertThat(result.acknowledged()).isEqualTo(2);
        assertThat(f.erp.files()).hasSize(2).allSatisfy((name, bytes) -> assertThat(name).contains("OrderResponse-PO-1-"));
        assertThat(f.queue.size(ORDERS)).isZero();
        assertThat(f.state.inbound()).allSatisfy(r -> assertThat(r.state()).isEqualTo(InboundState.ACKNOWLEDGED));
    }

    /** The queue adapter's reading of the body is taken, not made again: the business key is the reading's. */
    @Test
    void theBodyIsParsedOnceTheQueueAdaptersReadingTaken() {
        String body = Documents.orderResponse("PO-1", "SO-1");
        var reading = new io.jakamoconnector.domain.model.document.DocumentReader()
                .read(Documents.orderResponse("PO-AS-READ", "SO-1").getBytes(StandardCharsets.UTF_8));
        f.queue.enqueueAsRead(ORDERS, body, reading);

        f.drain();

        assertThat(f.state.inbound()).singleElement().satisfies(r ->
                assertThat(r.businessKey()).map(k -> k.value()).contains("PO-AS-READ"));
        assertThat(f.erp.files().values()).singleElement().isEqualTo(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void deliversTheExactBytes() {
        String body = Documents.orderResponse("PO-7", "SO-7").replace("  ", "\t");
        f.queue.enqueue(ORDERS, body);
        f.drain();
        assertThat(f.erp.files().values()).singleElement()
                .isEqualTo(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyStepIsAudited() {
        f.queue.enqueue(ORDERS, Documents.orderResponse("PO-3", "SO-3"));
        f.drain();
        assertThat(f.audit.events()).extracting(AuditEvent::action).containsExactly(AuditAction.MESSAGE_RECEIVED,
                AuditAction.MESSAGE_SAVED, AuditAction.MESSAGE_DELIVERED, AuditAction.MESSAGE_ACKNOWLEDGED);
        assertThat(f.audit.events()).allSatisfy(e -> {
            assertThat(e.integration()).isEqualTo(ORDERS);
            assertThat(e.node()).isEqualTo("node-1");
            assertThat(e.correlationId()).isEqualTo(f.audit.events().get(0).correlationId());
        });
        assertThat(f.audit.events().get(3).businessKey().value()).isEqualTo("PO-3");
    }

    @Test
    void aPoisonMessageIsQuarantinedAndAcknowledgedSoTheRestFlows() {
        f.queue.enqueue(ORDERS, "<OrderResponse><cbc:ID>cut off");
        for (int i = 0; i < 100; i++) {
            f.queue.enqueue(ORDERS, Documents.orderResponse("PO-" + i, "SO-" + i));
        }

        ReceiveInboundMessagesResult result = f.drain();

        assertThat(result.quarantined()).isEqualTo(1);
        assertThat(result.delivered()).isEqualTo(100);
        assertThat(f.queue.size(ORDERS)).isZero();
        var poison = f.state.inbound().get(0);
        assertThat(poison.state()).isEqualTo(InboundState.QUARANTINED_ACKNOWLEDGED);
        assertThat(poison.quarantineReason()).hasValueSatisfying(r -> assertThat(r).contains("not well-formed"));
        assertThat(f.state.quarantinedBytes(ORDERS, poison.dedupKey())).hasValueSatisfying(
                b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("<OrderResponse><cbc:ID>cut off"));
        assertThat(f.audit.count(AuditAction.INPUT_REJECTED)).isEqualTo(1);
    }

    @Test
    void aMessageTheAdapterWouldNotReadIsQuarantinedSoTheNextOneStillArrives() {
        f.queue.enqueueRefused(ORDERS, "the message is 104857600 bytes, over the limit of 10485760 bytes");
        f.queue.enqueue(ORDERS, Documents.orderResponse("PO-2", "SO-2"));

        ReceiveInboundMessagesResult result = f.drain();

        assertThat(result.quarantined()).isEqualTo(1);
        assertThat(result.delivered()).isEqualTo(1);
        assertThat(f.queue.size(ORDERS)).isZero();
        assertThat(f.state.inbound().get(0).quarantineReason()).hasValueSatisfying(r -> assertThat(r).contains("over the limit"));
        assertThat(f.audit.count(AuditAction.INPUT_REJECTED)).isEqualTo(1);
    }

    @Test
    void aClaimResponseIsDeliveredUnderItsClaimNumber() {
        f.queue.enqueue(ORDERS, "<ClaimResponse><ClaimID>CL-7</ClaimID><Status>Accepted</Status></ClaimResponse>");
        f.drain();
        assertThat(f.erp.files().keySet()).singleElement().asString().contains("ClaimResponse-CL-7-");
    }

    @Test
    void anUnknownDocumentTypeIsKeptInQuarantineNotDroppedOrDelivered() {
        f.queue.enqueue(ORDERS, "<Invoice><ID>1</ID></Invoice>");
        ReceiveInboundMessagesResult result = f.drain();
        assertThat(result.quarantined()).isEqualTo(1);
        assertThat(f.erp.files()).isEmpty();
        assertThat(f.state.inbound().get(0).quarantineReason()).hasValueSatisfying(r -> assertThat(r).contains("Invoice"));
    }

    @Test
    void aFailedAcknowledgementStopsTheRoundInsteadOfLooping() {
        f.queue.enqueue(ORDERS, Documents.orderResponse("PO-1", "SO-1"));
        f.queue.failNextAcknowledgements(1);

        ReceiveInboundMessagesResult first = f.drain();
        assertThat(first.stoppedBecause()).isEqualTo(StopReason.FAILED);
        assertThat(first.received()).isEqualTo(1);

        ReceiveInboundMessagesResult second = f.drain();
        assertThat(second.duplicates()).isEqualTo(1);
        assertThat(second.acknowledged()).isEqualTo(1);
        assertThat(f.erp.writes()).isEqualTo(1);
        assertThat(f.queue.size(ORDERS)).isZero();
    }

    @Test
    void anAcknowledgementWhoseAnswerWasLostIsRecordedOnceTheQueueHasMovedPastIt() {
        f.queue.enqueue(ORDERS, Documents.orderResponse("PO-1", "SO-1"));
        f.queue.enqueue(ORDERS, Documents.orderResponse("PO-2", "SO-2"));
        f.queue.loseNextAcknowledgementAnswers(1);

        ReceiveInboundMessagesResult first = f.drain();
        assertThat(first.stoppedBecause()).isEqualTo(StopReason.FAILED);
        assertThat(f.state.inbound()).singleElement().extracting(InboundRecord::state)
                .isEqualTo(InboundState.DELIVERED);

        ReceiveInboundMessagesResult second = f.drain();
        assertThat(second.delivered()).isEqualTo(1);
        assertThat(second.duplicates()).isZero();
        assertThat(f.state.inbound()).extracting(InboundRecord::state)
                .containsExactly(InboundState.ACKNOWLEDGED, InboundState.ACKNOWLEDGED);
        assertThat(f.audit.events()).filteredOn(e -> e.action() == AuditAction.MESSAGE_ACKNOWLEDGED)
                .extracting(e -> e.businessKey().value()).containsExactly("PO-1", "PO-2");
        assertThat(f.audit.events()).filteredOn(e -> e.action() == AuditAction.MESSAGE_ACKNOWLEDGED)
                .first().extracting(AuditEvent::reason).asString().contains("cleared at Jakamo");
        assertThat(f.erp.writes()).isEqualTo(2);
    }

    @Test
    void theMessageAtTheHeadIsNeverTakenForCleared() {
        f.queue.enqueue(ORDERS, Documents.orderResponse("PO-1", "SO-1"));
        f.queue.failNextAcknowledgements(1);
        f.drain();

        f.drain();
        assertThat(f.audit.events()).filteredOn(e -> e.action() == AuditAction.MESSAGE_ACKNOWLEDGED)
                .singleElement().extracting(AuditEvent::reason).isNull();
        assertThat(f.queue.size(ORDERS)).isZero();
    }

    @Test
    void aQueueOutageStopsTheRoundAndIsAudited() {
        f.queue.enqueue(ORDERS, Documents.orderResponse("PO-1", "SO-1"));
        f.queue.failNextReads(1);
        ReceiveInboundMessagesResult result = f.drain();
        assertThat(result.failed()).isTrue();
        assertThat(f.audit.events().get(0).reason()).contains("TRANSIENT");
        assertThat(f.drain().delivered()).isEqualTo(1);
    }

    @Test
    void anInstanceThatLostTheLeaseNeitherRecordsNorAcknowledges() {
        f.queue.enqueue(ORDERS, Documents.orderResponse("PO-1", "SO-1"));
        f.leases.takeOver(ORDERS);
        ReceiveInboundMessagesResult result = f.drain();
        assertThat(result.stoppedBecause()).isEqualTo(StopReason.LEASE_LOST);
        assertThat(f.queue.acknowledgements()).isEmpty();
        assertThat(f.erp.files()).isEmpty();
        assertThat(f.audit.count(AuditAction.LEASE_LOST)).isEqualTo(1);
    }

    /**
     * The lease is taken over while this holder works on the head (its lease check before the round passed): the store
     * refuses the record (at the clearing of what the head shows acknowledged, before the delivery, or after it) and
     * says so as a value. The round stops as a lost lease, audited as one, not as a failure of the store.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void aLeaseTakenOverWhileTheHeadIsRecordedStopsTheRoundAsALostLease(int takenOverAtCheck) {
        f.queue.enqueue(ORDERS, Documents.orderResponse("PO-1", "SO-1"));
        QueueLease held = f.lease;
        f.lease = new QueueLease() {
            private int checks;

            @Override
            public IntegrationName integration() {
                return held.integration();
            }

            @Override
            public long fencingToken() {
                return held.fencingToken();
            }

            @Override
            public boolean isHeld() {
                if (checks++ == takenOverAtCheck) {
                    f.leases.takeOver(ORDERS);
                }
                return held.isHeld();
            }

            @Override
            public void close() {
                held.close();
            }
        };

        ReceiveInboundMessagesResult result = f.drain();

        assertThat(result.stoppedBecause()).isEqualTo(StopReason.LEASE_LOST);
        assertThat(f.state.inbound()).as("nothing recorded").isEmpty();
        assertThat(f.erp.files()).isEmpty();
        assertThat(f.queue.acknowledgements()).isEmpty();
        assertThat(f.audit.events()).filteredOn(e -> e.action() == AuditAction.LEASE_LOST).singleElement()
                .satisfies(e -> assertThat(e.reason()).startsWith("queue lease no longer held: stopped before"));
        assertThat(f.audit.count(AuditAction.MESSAGE_RECEIVED)).as("not a failed receipt").isZero();
    }

    @Test
    void downloadsAnAnnouncedAttachmentAndDeliversIt() {
        f.queue.offerAttachment("https://jakamo.test/api/attachment/9", new byte[] {1, 2, 3});
        f.queue.enqueue(ORDERS, Documents.attachmentMessage("https://jakamo.test/api/attachment/9", "a.pdf", "PO-9"));
        f.drain();
        assertThat(f.erp.files().values()).singleElement().satisfies(b -> assertThat(b).containsExactly(1, 2, 3));
    }

    @Test
    void theAttachmentsOriginalFileNameReachesTheErp() {
        f.queue.offerAttachment("https://jakamo.test/api/attachment/9", new byte[] {1, 2, 3});
        f.queue.enqueue(ORDERS, Documents.attachmentMessage("https://jakamo.test/api/attachment/9", "drawing.pdf",
                "PO-9"));
        f.drain();
        assertThat(f.erp.files().keySet()).singleElement().satisfies(name -> assertThat(name).endsWith("-drawing.pdf"));
    }

    @Test
    void anAttachmentThatCannotBeDownloadedIsQuarantinedNotAcknowledgedAway() {
        f.queue.enqueue(ORDERS, Documents.attachmentMessage("https://jakamo.test/api/attachment/404", "a.pdf", "PO-9"));
        ReceiveInboundMessagesResult result = f.drain();
        assertThat(result.quarantined()).isEqualTo(1);
        assertThat(f.state.inbound().get(0).quarantineReason()).hasValueSatisfying(r -> assertThat(r).contains("a.pdf"));
    }

    @Test
    void stopsAtTheLimit() {
        for (int i = 0; i < 5; i++) {
            f.queue.enqueue(ORDERS, Documents.orderResponse("PO-" + i, "S"));
        }
        var result = f.service().receive(new io.jakamoconnector.domain.port.in.ReceiveInboundMessagesCommand(ORDERS,
                f.lease, 3));
        assertThat(result.stoppedBecause()).isEqualTo(StopReason.LIMIT_REACHED);
        assertThat(f.queue.size(ORDERS)).isEqualTo(2);
    }

    /**
     * One commit per message: each acknowledgement is recorded with the next message's record, and the round's last
     * one on its own before the round returns (plus the settling of the queue's head at the start).
     */
    @Test
    void eachMessageCostsOneCommitTheAcknowledgementRidingWithTheNextRecord() {
        for (int i = 0; i < 5; i++) {
            f.queue.enqueue(ORDERS, Documents.orderResponse("PO-" + i, "SO-" + i));
        }

        ReceiveInboundMessagesResult result = f.drain();

        assertThat(result.acknowledged()).isEqualTo(5);
        assertThat(f.state.commits()).as("settling at the start, 5 records, the last acknowledgement").isEqualTo(7);
        assertThat(f.state.inbound()).hasSize(5)
                .allSatisfy(r -> assertThat(r.state()).isEqualTo(InboundState.ACKNOWLEDGED));
        assertThat(f.audit.events()).extracting(AuditEvent::action).containsExactlyElementsOf(
                java.util.Collections.nCopies(5, List.of(AuditAction.MESSAGE_RECEIVED, AuditAction.MESSAGE_SAVED,
                        AuditAction.MESSAGE_DELIVERED, AuditAction.MESSAGE_ACKNOWLEDGED)).stream()
                        .flatMap(List::stream).toList());
    }

    /**
     * The lease's checks before each read and before each acknowledgement of a message just recorded (under the
     * store's fencing) answer from the lease's last proof: a drain of new messages asks the store for the lease no
     * more (it took two round trips per message). A redelivered message's acknowledgement still asks.
     */
    @Test
    void newMessagesAreReadAndAcknowledgedOnTheLeasesLastProofWithoutAskingTheStore() {
        for (int i = 0; i < 5; i++) {
            f.queue.enqueue(ORDERS, Documents.orderResponse("PO-" + i, "SO-" + i));
        }
        QueueLease held = f.lease;
        java.util.concurrent.atomic.AtomicInteger askedByTheService = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger knownHeld = new java.util.concurrent.atomic.AtomicInteger();
        f.lease = new QueueLease() {
            @Override
            public IntegrationName integration() {
                return held.integration();
            }

            @Override
            public long fencingToken() {
                return held.fencingToken();
            }

            @Override
            public boolean isHeld() {
                // the store's fencing asks too; only the service's own asks are counted
                if (StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames -> frames
                        .skip(1).findFirst().map(frame -> frame.getDeclaringClass())
                        .orElseThrow()) == ReceiveInboundMessagesService.class) {
                    askedByTheService.incrementAndGet();
                }
                return held.isHeld();
            }

            @Override
            public boolean isKnownHeld() {
                knownHeld.incrementAndGet();
                return held.isHeld();
            }

            @Override
            public void close() {
                held.close();
            }
        };

        ReceiveInboundMessagesResult result = f.drain();

        assertThat(result.acknowledged()).isEqualTo(5);
        assertThat(askedByTheService).as("the store asked for the lease by the service").hasValue(0);
        assertThat(knownHeld).as("before 6 reads (the last finds the queue empty) and 5 acknowledgements")
                .hasValue(11);

        f.queue.enqueue(ORDERS, Documents.orderResponse("PO-9", "SO-9"));
        f.queue.failNextAcknowledgements(1);
        f.drain();
        assertThat(f.drain().duplicates()).as("redelivered after its acknowledgement failed").isEqualTo(1);
        assertThat(askedByTheService).as("before acknowledging the redelivered message").hasValue(1);
    }

    @Test
    void aQuarantinedMessageCarriesTheAcknowledgementBeforeItAndTheRoundEndsWithEveryOneRecorded() {
        f.queue.enqueue(ORDERS, Documents.orderResponse("PO-1", "SO-1"));
        f.queue.enqueue(ORDERS, "<OrderResponse><cbc:ID>cut off");

        f.drain();

        assertThat(f.state.commits()).as("settling, 2 records, the last acknowledgement").isEqualTo(4);
        assertThat(f.state.inbound()).extracting(InboundRecord::state)
                .containsExactly(InboundState.ACKNOWLEDGED, InboundState.QUARANTINED_ACKNOWLEDGED);
    }

    /**
     * The process dies between an acknowledgement that Jakamo answered and the next message's commit, which was to
     * record it: the restarted service finds the next message at the head, so the first was cleared, and records it
     * so (once), without handing anything to the ERP twice.
     */
    @ParameterizedTest
    @ValueSource(strings = {CrashPoints.AFTER_QUEUE_ACK + ":1", CrashPoints.AFTER_QUEUE_NEXT + ":2",
            CrashPoints.AFTER_ERP_DELIVER + ":2", CrashPoints.BEFORE_INBOUND_COMMIT + ":2",
            CrashPoints.AFTER_INBOUND_COMMIT + ":2", CrashPoints.AFTER_QUEUE_ACK + ":2"})
    void aCrashBeforeAnAcknowledgementIsRecordedLosesNothingAndDeliversNothingTwice(String pointAndPass) {
        String point = pointAndPass.substring(0, pointAndPass.indexOf(':'));
        int pass = Integer.parseInt(pointAndPass.substring(pointAndPass.indexOf(':') + 1));
        List<String> bodies = List.of(Documents.orderResponse("PO-1", "S-1"), Documents.orderResponse("PO-2", "S-2"),
                Documents.orderResponse("PO-3", "S-3"));
        bodies.forEach(b -> f.queue.enqueue(ORDERS, b));

        f.crashes.armAtPass(point, pass);
        assertThatThrownBy(f::drain).isInstanceOf(SimulatedCrash.class);
        ReceiveInboundMessagesResult restarted = f.drain();

        assertThat(restarted.stoppedBecause()).isEqualTo(StopReason.QUEUE_EMPTY);
        assertThat(f.queue.size(ORDERS)).as("nothing left behind").isZero();
        assertThat(f.erp.writes()).as("no file written twice").isEqualTo(3);
        assertThat(f.erp.files().values()).extracting(b -> new String(b, StandardCharsets.UTF_8))
                .containsExactlyInAnyOrderElementsOf(bodies);
        assertThat(f.state.inbound()).hasSize(3)
                .allSatisfy(r -> assertThat(r.state()).isEqualTo(InboundState.ACKNOWLEDGED));
        assertThat(f.audit.events()).filteredOn(e -> e.action() == AuditAction.MESSAGE_ACKNOWLEDGED)
                .as("each acknowledgement recorded once").extracting(e -> e.businessKey().value())
                .containsExactlyInAnyOrder("PO-1", "PO-2", "PO-3");
    }

    /**
     * The process dies at each step of handling the second of three messages; a restarted service must end with
     * every message delivered exactly once and acknowledged.
     */
    @ParameterizedTest
    @ValueSource(strings = {CrashPoints.AFTER_QUEUE_NEXT, CrashPoints.AFTER_ERP_DELIVER,
            CrashPoints.BEFORE_INBOUND_COMMIT, CrashPoints.AFTER_INBOUND_COMMIT, CrashPoints.AFTER_ERP_PUBLISH,
            CrashPoints.AFTER_QUEUE_ACK})
    void aCrashAtAnyStepLosesNothingAndDeliversNothingTwice(String point) {
        List<String> bodies = List.of(Documents.orderResponse("PO-1", "S-1"), Documents.orderResponse("PO-1", "S-2"),
                Documents.statusMessage("PO-2", "Delivered"));
        bodies.forEach(b -> f.queue.enqueue(ORDERS, b));

        f.service().receive(new io.jakamoconnector.domain.port.in.ReceiveInboundMessagesCommand(ORDERS, f.lease, 1));
        f.crashes.arm(point);
        assertThatThrownBy(f::drain).isInstanceOf(SimulatedCrash.class);

        ReceiveInboundMessagesResult restarted = f.drain();

        assertThat(restarted.stoppedBecause()).isEqualTo(StopReason.QUEUE_EMPTY);
        assertThat(f.queue.size(ORDERS)).as("nothing left behind").isZero();
        assertThat(f.erp.files()).as("one file per message").hasSize(3);
        assertThat(f.erp.writes()).as("no file written twice").isEqualTo(3);
        assertThat(f.erp.files().values()).extracting(b -> new String(b, StandardCharsets.UTF_8))
                .containsExactlyInAnyOrderElementsOf(bodies);
        assertThat(f.state.inbound()).hasSize(3);
    }

    /**
     * The window a delivery in one step leaves open: the ERP takes the file away between its delivery and the
     * acknowledgement, then the connector crashes. The message comes back from the queue; it must not reappear.
     * And before the commit the ERP sees nothing: a crash there leaves only a staged copy, which is shown once.
     */
    @ParameterizedTest
    @ValueSource(strings = {CrashPoints.BEFORE_INBOUND_COMMIT, CrashPoints.AFTER_INBOUND_COMMIT,
            CrashPoints.AFTER_ERP_PUBLISH})
    void whatTheErpTookAwayBeforeACrashIsNeverShownAgain(String point) {
        f.queue.enqueue(ORDERS, Documents.orderResponse("PO-7", "S-1"));
        f.crashes.arm(point);
        assertThatThrownBy(f::drain).isInstanceOf(SimulatedCrash.class);
        boolean visibleBeforeCommit = !f.erp.files().isEmpty();
        f.erp.files().keySet().forEach(f.erp::take);   // the ERP imports whatever it sees, at once

        ReceiveInboundMessagesResult restarted = f.drain();

        assertThat(restarted.stoppedBecause()).isEqualTo(StopReason.QUEUE_EMPTY);
        assertThat(f.queue.size(ORDERS)).isZero();
        assertThat(f.erp.writes()).as("shown to the ERP exactly once").isEqualTo(1);
        assertThat(f.erp.staged()).as("nothing left aside").isEmpty();
        if (point.equals(CrashPoints.BEFORE_INBOUND_COMMIT)) {
            assertThat(visibleBeforeCommit).as("nothing visible before the commit").isFalse();
            assertThat(f.erp.files()).hasSize(1);
        } else if (point.equals(CrashPoints.AFTER_ERP_PUBLISH)) {
            assertThat(f.erp.files()).as("taken before the crash, not shown again").isEmpty();
        }
        assertThat(f.state.inbound()).hasSize(1);
    }
}
