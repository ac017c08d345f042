package io.jakamoconnector.app.cli;

import io.jakamoconnector.app.daemon.SyncProgress;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * A sync's progress for a person. On a terminal one line is rewritten in place (count, rate, what remains where
 * known) at most ten times a second, and each finished phase leaves a line; elsewhere (a log, a pipe) only plain
 * lines: each phase's end, and for a long phase a line every ten seconds.
 */
final class ProgressLine implements SyncProgress {
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final long PLAIN_EVERY_NANOS = 10_000_000_000L;

    private final PrintWriter out;
    private final boolean terminal;
    private final LongSupplier nanoTime;
    private long phaseStarted;
    private long lastShown;
    private int lastWidth;

    ProgressLine(PrintWriter out, boolean terminal, LongSupplier nanoTime) {
        this.out = out;
        this.terminal = terminal;
        this.nanoTime = nanoTime;
    }

    @Override
    public synchronized void began(IntegrationName integration, SyncPhase phase, OptionalLong expected) {
        phaseStarted = nanoTime.getAsLong();
        lastShown = phaseStarted;
        if (terminal) {
            draw(integration + " " + phase.label() + ": starting"
                    + (expected.isPresent() && expected.getAsLong() > 0 ? " (" + expected.getAsLong()
                    + " waiting at the ERP side)" : ""));
        }
    }

    @Override
    public synchronized void advanced(IntegrationName integration, SyncPhase phase, long done, OptionalLong remaining) {
        long now = nanoTime.getAsLong();
        if (now - lastShown < (terminal ? REDRAW_NANOS : PLAIN_EVERY_NANOS)) {
            return;
        }
        lastShown = now;
        String text = status(integration, phase, done, remaining, now);
        if (terminal) {
            draw(text);
        } else {
            out.println(text);
            out.flush();
        }
    }

    @Override
    public synchronized void ended(IntegrationName integration, SyncPhase phase, String summary, boolean ok) {
        String text = (ok ? "[ OK ] " : "[WARN] ") + integration + " " + phase.label() + ": " + summary;
        if (terminal) {
            draw(text);
            out.println();
            lastWidth = 0;
        } else {
            out.println(text);
        }
        out.flush();
    }

    String status(IntegrationName integration, SyncPhase phase, long done, OptionalLong remaining, long now) {
        double seconds = Math.max(0.001, (now - phaseStarted) / 1e9);
        StringBuilder text = new StringBuilder().append(integration).append(' ').append(phase.label()).append(": ")
                .append(done).append(phase == SyncPhase.INBOUND ? " received" : " handled")
                .append(String.format(Locale.ROOT, ", %.1f/s", done / seconds));
        if (remaining.isPresent()) {
            text.append(", ").append(remaining.getAsLong()).append(" remaining");
        }
        return text.toString();
    }

    /** Rewrites the terminal line: carriage return, the text, blanks over what the longer previous text left. */
    private void draw(String text) {
        int pad = Math.max(0, lastWidth - text.length());
        out.print("\r" + text + " ".repeat(pad));
        out.flush();
        lastWidth = text.length();
    }
}
