package io.jakamoconnector.domain.model.attention;

import io.jakamoconnector.domain.model.Check;
import java.util.List;

/**
 * A message to people: a title (an e-mail's subject, a chat card's heading), a plain-text body, and what it is about
 * (empty for a test message). It holds no secret: it is built from attentions, whose details are cleaned.
 */
public record Notification(String title, String text, List<Attention> about) {
    /** A digest names at most this many attentions and counts the rest. */
    public static final int DIGEST_LINES = 50;

    public Notification {
        Check.notBlank("notification.title", title);
        Check.notBlank("notification.text", text);
        about = List.copyOf(Check.notNull("notification.about", about));
        Check.that(!title.contains("\n") && !title.contains("\r"), "notification.title", "must be one line");
    }

    /** One attention: what happened and what to do. */
    public static Notification of(String node, Attention attention) {
        String title = "[jakamo-connector] " + attention.integration().map(i -> i + ": ").orElse("")
                + attention.subject() + " " + attention.kind().summary();
        String text = attention.headline() + "\n"
                + "Seen at " + attention.at() + " on " + node + ".\n"
                + "What to do: " + attention.advice() + "\n";
        return new Notification(Attention.clean(title, 250), text, List.of(attention));
    }

    /** Many attentions at once: one message listing them. */
    public static Notification digest(String node, List<Attention> attentions) {
        Check.that(!attentions.isEmpty(), "notification.about", "a digest needs at least one attention");
        StringBuilder text = new StringBuilder(attentions.size() + " things need a person on " + node + ":\n");
        int shown = Math.min(DIGEST_LINES, attentions.size());
        for (int i = 0; i < shown; i++) {
            Attention a = attentions.get(i);
            text.append("- ").append(a.headline()).append(" at ").append(a.at()).append("\n  What to do: ")
                    .append(a.advice()).append('\n');
        }
        if (attentions.size() > shown) {
            text.append("… and ").append(attentions.size() - shown).append(" more: jakamo-connector messages list\n");
        }
        return new Notification("[jakamo-connector] " + attentions.size() + " things need a person on "
                + Attention.clean(node, 100), text.toString(), attentions);
    }

    /** What {@code notify test} sends. */
    public static Notification test(String node, ChannelName channel) {
        return new Notification("[jakamo-connector] test message from " + Attention.clean(node, 100),
                "This is a test message from jakamo-connector on " + node + " through channel " + channel
                        + ". When something needs a person (a document in doubt or dead, a quarantined message, a "
                        + "blocked queue, a failing token or an audit trail that does not verify), it is said here.\n",
                List.of());
    }
}
