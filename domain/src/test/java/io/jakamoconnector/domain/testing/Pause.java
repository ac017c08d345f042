package io.jakamoconnector.domain.testing;

import java.time.Duration;

/**
 * The one way a test outside the reliability suite may let time pass: when the delay itself is the behaviour under
 * test, such as a fake peer that answers slowly or a writer that writes a file in chunks over seconds.
 *
 * <p>Never to wait for something to happen: that is a latch, Awaitility or an injected clock (the architecture rule
 * {@code testsSleepOnlyToPlayASlowPeer} reports every other {@code Thread.sleep}). Each call names why it is slow, so a
 * reader of the test sees the behaviour and not a guess at how long something takes.
 */
public final class Pause {
    private Pause() {
    }

    /**
     * Sleeps for {@code delay}, as a deliberately slow peer, writer or client would.
     *
     * @param why what is slow on purpose, e.g. "the ERP writes the file in chunks": read by people, not by code
     */
    public static void slowPeer(Duration delay, String why) throws InterruptedException {
        if (why == null || why.isBlank()) {
            throw new IllegalArgumentException("why: say what is slow on purpose");
        }
        Thread.sleep(delay.toMillis());
    }
}
