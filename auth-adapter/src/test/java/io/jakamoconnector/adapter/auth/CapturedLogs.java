package io.jakamoconnector.adapter.auth;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;

/** Keeps every log event of the test JVM (DEBUG and up) as text: message, arguments, MDC and stack traces. */
public final class CapturedLogs extends AppenderBase<ILoggingEvent> {
    private static final List<String> LINES = new ArrayList<>();

    @Override
    protected void append(ILoggingEvent event) {
        StringBuilder line = new StringBuilder()
                .append(event.getLevel()).append(' ').append(event.getLoggerName()).append(' ')
                .append(event.getFormattedMessage());
        if (!event.getMDCPropertyMap().isEmpty()) {
            line.append(' ').append(event.getMDCPropertyMap());
        }
        if (event.getThrowableProxy() != null) {
            line.append('\n').append(ThrowableProxyUtil.asString(event.getThrowableProxy()));
        }
        synchronized (LINES) {
            LINES.add(line.toString());
        }
    }

    /** Lines logged so far; {@link #mark()} and {@link #since(int)} cut out one test's share. */
    public static List<String> lines() {
        synchronized (LINES) {
            return new ArrayList<>(LINES);
        }
    }

    public static int mark() {
        synchronized (LINES) {
            return LINES.size();
        }
    }

    public static List<String> since(int mark) {
        synchronized (LINES) {
            return new ArrayList<>(LINES.subList(mark, LINES.size()));
        }
    }
}
