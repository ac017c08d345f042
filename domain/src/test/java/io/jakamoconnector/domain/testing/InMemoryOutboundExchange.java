package io.jakamoconnector.domain.testing;

import io.jakamoconnector.domain.model.document.Sha256;
import io.jakamoconnector.domain.model.exchange.ConfirmUrl;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.exchange.OutgoingDocument;
import io.jakamoconnector.domain.model.exchange.SendOutcome;
import io.jakamoconnector.domain.port.out.OutboundExchangePort;
import io.jakamoconnector.domain.port.out.PortFailureException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Jakamo as a recorder of what reached it: every document that arrived, in order, including duplicates. */
public final class InMemoryOutboundExchange implements OutboundExchangePort {
    private final List<OutgoingDocument> received = new ArrayList<>();
    private final List<Confirmation> confirmations = new ArrayList<>();
    private final Deque<SendOutcome> scripted = new ArrayDeque<>();
    private final CrashPoints crashes;
    private Runnable duringNextSend;

    public InMemoryOutboundExchange(CrashPoints crashes) {
        this.crashes = crashes;
    }

    public InMemoryOutboundExchange() {
        this(CrashPoints.none());
    }

    /** The next sends answer these outcomes, in order; afterwards everything is accepted. */
    public synchronized void script(SendOutcome... outcomes) {
        scripted.addAll(List.of(outcomes));
    }

    /** Runs {@code action} while the next document is on its way, as if the sender paused there. */
    private PortFailureException notReady;

    /** From now on every send is refused before it starts (a token outage); null ends it. */
    public synchronized void notReady(PortFailureException failure) {
        this.notReady = failure;
    }

    @Override
    public synchronized void checkReady(IntegrationName integration) {
        if (notReady != null) {
            throw notReady;
        }
    }

    public synchronized void duringNextSend(Runnable action) {
        duringNextSend = action;
    }

    @Override
    public synchronized SendOutcome send(IntegrationName integration, OutgoingDocument document) {
        if (duringNextSend != null) {
            Runnable action = duringNextSend;
            duringNextSend = null;
            action.run();
        }
        SendOutcome outcome = scripted.isEmpty() ? new SendOutcome.Accepted("HTTP 200", "ok") : scripted.removeFirst();
        if (outcome instanceof SendOutcome.Accepted || outcome instanceof SendOutcome.InDoubt) {
            received.add(document);   // in doubt: it did arrive, the answer was lost
        }
        crashes.check(CrashPoints.AFTER_SEND);
        return outcome;
    }

    /**
     * Accepting all changes of a sales order, as Jakamo would: the confirmation is recorded when it arrived (accepted,
     * or in doubt as a document would be), scripted like {@link #send}.
     */
    @Override
    public synchronized SendOutcome confirmAllChanges(IntegrationName integration, ConfirmUrl confirmUrl) {
        if (duringNextSend != null) {
            Runnable action = duringNextSend;
            duringNextSend = null;
            action.run();
        }
        SendOutcome outcome = scripted.isEmpty() ? new SendOutcome.Accepted("HTTP 200", "ok") : scripted.removeFirst();
        if (outcome instanceof SendOutcome.Accepted || outcome instanceof SendOutcome.InDoubt) {
            confirmations.add(new Confirmation(integration, confirmUrl));
        }
        crashes.check(CrashPoints.AFTER_SEND);
        return outcome;
    }

    /** One confirm-all that reached Jakamo. */
    public record Confirmation(IntegrationName integration, ConfirmUrl confirmUrl) {
    }

    /** Every confirm-all that reached Jakamo, in order, including repeats. */
    public synchronized List<Confirmation> confirmations() {
        return List.copyOf(confirmations);
    }

    public synchronized List<OutgoingDocument> received() {
        return List.copyOf(received);
    }

    public synchronized long timesReceived(Sha256 sha256) {
        return received.stream().filter(d -> d.document().sha256().equals(sha256)).count();
    }
}
