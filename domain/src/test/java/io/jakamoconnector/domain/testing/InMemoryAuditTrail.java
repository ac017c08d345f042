package io.jakamoconnector.domain.testing;

import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditChain;
import io.jakamoconnector.domain.model.audit.AuditChainLink;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditVerification;
import io.jakamoconnector.domain.model.audit.AttemptHistory;
import io.jakamoconnector.domain.model.audit.AuditedDocument;
import io.jakamoconnector.domain.model.audit.CanonicalAuditForm;
import io.jakamoconnector.domain.model.audit.AuditCoverage;
import io.jakamoconnector.domain.model.audit.AuditHorizon;
import io.jakamoconnector.domain.model.audit.AuditPruneOutcome;
import io.jakamoconnector.domain.port.out.AuditQueriesPort;
import io.jakamoconnector.domain.port.out.AuditRetentionPort;
import io.jakamoconnector.domain.port.out.AuditTrailPort;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The audit trail as a list of chain links ({@link AuditChain}, the same chain as in PostgreSQL) and a head, so
 * {@link #verify()} really recomputes it and {@link #tampering()} can damage it for the tamper contract. It answers
 * the operator's reads too. It prunes by the domain's rule ({@link AuditChain#planPrune}); having no signatures, it
 * can restart the chain at any kept event, where the PostgreSQL trail needs a signed checkpoint.
 */
public final class InMemoryAuditTrail implements AuditTrailPort, AuditQueriesPort, AuditRetentionPort {
    private final List<AuditChainLink> links = new ArrayList<>();
    private final CanonicalAuditForm form = new CanonicalAuditForm();
    private final Clock clock;
    private long headSeq;
    private byte[] headHash = CanonicalAuditForm.genesis();
    private Optional<AuditHorizon> horizon = Optional.empty();

    public InMemoryAuditTrail() {
        this(Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), java.time.ZoneOffset.UTC));
    }

    /** {@code clock} stamps prunes. */
    public InMemoryAuditTrail(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized void append(AuditEvent event) {
        AuditChainLink link = AuditChain.link(form, headSeq + 1, headHash, Objects.requireNonNull(event, "event"));
        links.add(link);
        headSeq = link.seq();
        headHash = link.hash();
    }

    @Override
    public synchronized AuditVerification verify() {
        return AuditChain.verify(List.copyOf(links), headSeq, headHash, horizon);
    }

    @Override
    public synchronized AuditPruneOutcome prune(Instant before, AuditCoverage coverage) {
        if (verify() instanceof AuditVerification.Broken broken) {
            return new AuditPruneOutcome.Refused("the audit trail does not verify from event "
                    + broken.firstBadSequence() + ": " + broken.reason());
        }
        long lastOld = horizon.map(AuditHorizon::lastRemoved).orElse(0L);
        for (AuditChainLink link : links) {
            if (!CanonicalAuditForm.storedTime(link.event().at()).isBefore(before)) {
                break;
            }
            lastOld = link.seq();
        }
        TreeSet<Long> restartPoints = new TreeSet<>();
        links.forEach(l -> restartPoints.add(l.seq()));
        AuditPruneOutcome outcome = AuditChain.planPrune(before, clock.instant(), coverage, horizon, headSeq, lastOld,
                restartPoints, seq -> links.stream().filter(l -> l.seq() == seq).findFirst()
                        .map(l -> CanonicalAuditForm.hex(l.hash())));
        if (outcome instanceof AuditPruneOutcome.Pruned pruned) {
            links.removeIf(l -> l.seq() <= pruned.horizon().lastRemoved());
            horizon = Optional.of(pruned.horizon());
        }
        return outcome;
    }

    @Override
    public synchronized Optional<AuditHorizon> horizon() {
        return horizon;
    }

    /** What an export of the whole trail now would vouch for: its head. */
    public synchronized AuditCoverage exportNow(String name) {
        return new AuditCoverage(name, headSeq, CanonicalAuditForm.hex(headHash));
    }

    public synchronized List<AuditEvent> events() {
        return links.stream().map(AuditChainLink::event).toList();
    }

    /** Damages the stored links behind the trail's back (tests only): the head stays as it was. */
    public AuditTrailTampering tampering() {
        return new AuditTrailTampering() {
            @Override
            public void edit(long seq) {
                synchronized (InMemoryAuditTrail.this) {
                    int i = indexOf(seq);
                    AuditChainLink old = links.get(i);
                    AuditEvent e = old.event();
                    AuditEvent forged = new AuditEvent(e.at(), e.node(), e.actor(), e.integration(), e.action(),
                            e.outcome(), e.businessKey(), e.fileName(), e.sha256(), "forged", e.correlationId(),
                            e.remoteCorrelationId(), e.durationMillis(), e.attempt(), e.tokenFingerprint(),
                            e.credentialKeyId());
                    links.set(i, new AuditChainLink(seq, forged, old.prevHash(), old.hash()));
                }
            }

            @Override
            public void delete(long seq) {
                synchronized (InMemoryAuditTrail.this) {
                    links.remove(indexOf(seq));
                }
            }

            @Override
            public void swapWithNext(long seq) {
                synchronized (InMemoryAuditTrail.this) {
                    int i = indexOf(seq);
                    int j = indexOf(seq + 1);
                    AuditChainLink a = links.get(i);
                    AuditChainLink b = links.get(j);
                    links.set(i, new AuditChainLink(a.seq(), b.event(), b.prevHash(), b.hash()));
                    links.set(j, new AuditChainLink(b.seq(), a.event(), a.prevHash(), a.hash()));
                }
            }

            @Override
            public void truncateAfter(long seq) {
                synchronized (InMemoryAuditTrail.this) {
                    links.removeIf(l -> l.seq() > seq);
                }
            }
        };
    }

    private int indexOf(long seq) {
        for (int i = 0; i < links.size(); i++) {
            if (links.get(i).seq() == seq) {
                return i;
            }
        }
        throw new IllegalArgumentException("seq: no event " + seq + " in the trail");
    }

    public synchronized long count(AuditAction action) {
        return events().stream().filter(e -> e.action() == action).count();
    }

    @Override
    public synchronized List<AuditEvent> eventsAbout(AuditedDocument document, int limit) {
        List<AuditEvent> about = events().stream().filter(e -> isAbout(e, document)).toList();
        return about.subList(Math.max(0, about.size() - limit), about.size());
    }

    @Override
    public synchronized Map<AuditedDocument, Instant> lastSent(Collection<AuditedDocument> documents) {
        Map<AuditedDocument, Instant> sent = new HashMap<>();
        for (AuditEvent e : events()) {
            if (AttemptHistory.isSending(e)) {
                documents.stream().filter(d -> isAbout(e, d)).findFirst().ifPresent(d -> sent.put(d, e.at()));
            }
        }
        return sent;
    }

    private static boolean isAbout(AuditEvent e, AuditedDocument document) {
        return document.integration().equals(e.integration()) && document.sha256().equals(e.sha256());
    }
}
