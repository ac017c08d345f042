package io.jakamoconnector.domain.service;

import io.jakamoconnector.domain.model.Check;
import io.jakamoconnector.domain.model.attention.Attention;
import io.jakamoconnector.domain.model.attention.AttentionClassifier;
import io.jakamoconnector.domain.model.attention.ChannelName;
import io.jakamoconnector.domain.model.attention.Notification;
import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.NotificationPort;
import io.jakamoconnector.domain.port.out.PortFailureException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides what to tell people, through which channel and when, and tells them: each thing that needs a person once
 * (until {@link NotificationPolicy#repeatAfter()}), many at once as one digest, no channel more than its hourly
 * limit, a failing channel retried with backoff without holding up the others. Every message sent or given up is an
 * audit event naming the channel only. Not thread-safe: one worker owns it ({@link #offer}, {@link #deliverDue}).
 */
public final class NotificationService {
    /** Remembered keys at most; the oldest are forgotten first. */
    static final int MAX_REMEMBERED = 10_000;

    private final List<Channel> channels;
    private final AuditWriter audit;
    private final Clock clock;
    private final NotificationPolicy policy;
    private final LinkedHashMap<Attention.Key, Instant> told = new LinkedHashMap<>();

    public NotificationService(List<NotificationPort> channels, AuditWriter audit, Clock clock,
                               NotificationPolicy policy) {
        this.channels = Check.notNull("channels", channels).stream().map(Channel::new).toList();
        this.audit = Check.notNull("audit", audit);
        this.clock = Check.notNull("clock", clock);
        this.policy = Check.notNull("policy", policy);
    }

    /** A committed audit event: if it needs a person, it is queued for every channel. */
    public boolean offer(AuditEvent event) {
        if (AttentionClassifier.isNotificationEvent(event)) {
            return false;
        }
        return AttentionClassifier.classify(event).map(this::offer).orElse(false);
    }

    /** Queues an attention for every channel, unless the same was told within the repeat time; true if queued. */
    public boolean offer(Attention attention) {
        Instant now = clock.instant();
        Instant before = told.get(attention.key());
        if (before != null && now.isBefore(before.plus(policy.repeatAfter()))) {
            return false;
        }
        told.remove(attention.key());
        told.put(attention.key(), now);
        if (told.size() > MAX_REMEMBERED) {
            told.remove(told.keySet().iterator().next());
        }
        for (Channel channel : channels) {
            channel.waiting.add(attention);
        }
        return true;
    }

    /** Sends what is due on every channel now; a channel that fails is retried later, the others go on. */
    public void deliverDue() {
        for (Channel channel : channels) {
            channel.deliverDue(clock.instant());
        }
    }

    /** When {@link #deliverDue} next has something to do, if anything waits. */
    public Optional<Instant> nextDue() {
        Instant now = clock.instant();
        return channels.stream().map(c -> c.nextDue(now)).flatMap(Optional::stream).min(Instant::compareTo);
    }

    /** What waits on a channel, not yet sent (for tests and the shutdown log). */
    public int waiting(ChannelName name) {
        return channels.stream().filter(c -> c.port.channel().equals(name)).mapToInt(c -> c.waiting.size()
                + (c.retrying == null ? 0 : c.retrying.about().size())).sum();
    }

    /** The outcome of a test message on one channel: empty when it went, else what went wrong. */
    public record TestResult(ChannelName channel, Optional<String> error) {
    }

    /** Sends {@code notify test}'s message through each channel once, audited; no limit or retry applies. */
    public List<TestResult> test(Optional<ChannelName> only) {
        List<TestResult> results = new ArrayList<>();
        for (Channel channel : channels) {
            ChannelName name = channel.port.channel();
            if (only.isPresent() && !only.get().equals(name)) {
                continue;
            }
            Notification notification = Notification.test(audit.node(), name);
            Optional<String> error = Optional.empty();
            try {
                channel.port.deliver(notification);
                audit(AuditAction.NOTIFICATION_SENT, AuditOutcome.OK, name, notification, "test message", 1);
            } catch (RuntimeException e) {
                error = Optional.of(describe(e));
                audit(AuditAction.NOTIFICATION_FAILED, AuditOutcome.FAIL, name, notification, "test message: "
                        + error.get(), 1);
            }
            results.add(new TestResult(name, error));
        }
        return results;
    }

    private static String describe(RuntimeException e) {
        return e instanceof PortFailureException p ? p.reasonCode() + ": " + p.getMessage()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private void audit(AuditAction action, AuditOutcome outcome, ChannelName channel, Notification notification,
                       String what, int attempt) {
        List<IntegrationName> integrations = notification.about().stream().map(Attention::integration)
                .flatMap(Optional::stream).distinct().toList();
        AuditEvent.Builder event = AuditEvent.builder(action, outcome)
                .integration(integrations.size() == 1 ? integrations.get(0) : null)
                .attempt(attempt)
                .reason("channel=" + channel + "; " + what + "; " + summary(notification));
        audit.write(event);
    }

    private static String summary(Notification notification) {
        List<Attention> about = notification.about();
        if (about.isEmpty()) {
            return "test";
        }
        if (about.size() == 1) {
            Attention a = about.get(0);
            return a.kind().code() + " " + a.subject();
        }
        return "digest of " + about.size();
    }

    /** One channel's queue, its recent sends and the message it is retrying. */
    private final class Channel {
        final NotificationPort port;
        final List<Attention> waiting = new ArrayList<>();
        final Deque<Instant> sent = new ArrayDeque<>();
        Notification retrying;
        int attempts;
        Instant retryAt;

        Channel(NotificationPort port) {
            this.port = Check.notNull("channel", port);
        }

        void deliverDue(Instant now) {
            forgetBefore(now.minus(Duration.ofHours(1)));
            if (retrying != null) {
                if (now.isBefore(retryAt)) {
                    return;
                }
                attempt(retrying, now);
                if (retrying != null) {
                    return;
                }
            }
            while (!waiting.isEmpty() && retrying == null) {
                if (sent.size() >= policy.maxPerHour() || recent(now) >= policy.digestAfter()) {
                    return;   // over the limit or the window is full: what waits goes as one digest later
                }
                boolean lastThisHour = policy.maxPerHour() - sent.size() == 1;
                if (waiting.size() > policy.digestAfter() || lastThisHour && waiting.size() > 1) {
                    List<Attention> all = List.copyOf(waiting);
                    waiting.clear();
                    attempt(Notification.digest(audit.node(), all), now);
                } else {
                    attempt(Notification.of(audit.node(), waiting.remove(0)), now);
                }
            }
        }

        private void attempt(Notification notification, Instant now) {
            int attempt = notification == retrying ? attempts + 1 : 1;
            sent.addLast(now);   // an attempt counts against the limits whether or not it went
            try {
                port.deliver(notification);
                retrying = null;
                audit(AuditAction.NOTIFICATION_SENT, AuditOutcome.OK, port.channel(), notification,
                        notification.about().size() > 1 ? "digest" : "notification", attempt);
            } catch (RuntimeException e) {
                boolean retryable = e instanceof PortFailureException p && p.retryable();
                if (retryable && attempt < policy.maxAttempts()) {
                    retrying = notification;
                    attempts = attempt;
                    retryAt = now.plus(policy.delayAfter(attempt, ((PortFailureException) e).retryAfter()
                            .orElse(null)));
                    audit(AuditAction.NOTIFICATION_FAILED, AuditOutcome.RETRY, port.channel(), notification,
                            describe(e) + "; next attempt at " + retryAt, attempt);
                } else {
                    retrying = null;
                    audit(AuditAction.NOTIFICATION_FAILED, AuditOutcome.FAIL, port.channel(), notification,
                            describe(e) + "; given up after " + attempt + " attempt(s)", attempt);
                }
            }
        }

        private int recent(Instant now) {
            Instant from = now.minus(policy.digestWindow());
            return (int) sent.stream().filter(t -> t.isAfter(from)).count();
        }

        private void forgetBefore(Instant limit) {
            while (!sent.isEmpty() && !sent.peekFirst().isAfter(limit)) {
                sent.removeFirst();
            }
        }

        Optional<Instant> nextDue(Instant now) {
            if (retrying != null) {
                return Optional.of(retryAt);
            }
            if (waiting.isEmpty()) {
                return Optional.empty();
            }
            forgetBefore(now.minus(Duration.ofHours(1)));
            Instant due = now;
            if (recent(now) >= policy.digestAfter()) {
                Instant from = now.minus(policy.digestWindow());
                due = sent.stream().filter(t -> t.isAfter(from)).findFirst().orElse(now).plus(policy.digestWindow());
            }
            if (sent.size() >= policy.maxPerHour()) {
                Instant hour = sent.peekFirst().plus(Duration.ofHours(1));
                due = hour.isAfter(due) ? hour : due;
            }
            return Optional.of(due);
        }
    }

    /** The keys told so far (for tests). */
    Map<Attention.Key, Instant> told() {
        return Map.copyOf(told);
    }
}
