package io.jakamoconnector.app.daemon;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.pattern.TargetLengthBasedClassNameAbbreviator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.EncoderBase;
import io.jakamoconnector.app.config.LogFormat;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * One log line per event, as text for people or as a JSON object for a collector, chosen by {@code format}
 * ({@code human} or {@code json}; logback.xml takes it from {@code JAKAMO_CONNECTOR_LOG_FORMAT}) and switchable at run
 * time by {@link #use(LogFormat)} once the configuration's {@code logging.format} is known.
 * <p>
 * Every line carries the MDC's integration and correlation id; a thread outside any unit of work (a library's own)
 * gets this process's run id, so no line is without one. Every value that may come from outside (messages, exception
 * texts, MDC values) has CR, LF and other control characters replaced, so no value can forge a line in either format;
 * JSON strings are escaped besides.
 */
public final class LogLineEncoder extends EncoderBase<ILoggingEvent> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
            .withZone(ZoneOffset.UTC);
    /** This process's correlation id for lines outside any unit of work. */
    static final String RUN_ID = WorkContext.newId("proc");

    private final TargetLengthBasedClassNameAbbreviator abbreviator = new TargetLengthBasedClassNameAbbreviator(24);
    private volatile LogFormat format = LogFormat.HUMAN;

    /** Set by logback.xml: {@code human} or {@code json}; anything else is human. */
    public void setFormat(String text) {
        this.format = LogFormat.fromConfig(text).orElse(LogFormat.HUMAN);
    }

    public LogFormat format() {
        return format;
    }

    /** Switches every appender of the running Logback that uses this encoder. No-op under another SLF4J binding. */
    public static void use(LogFormat format) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        for (ch.qos.logback.classic.Logger logger : context.getLoggerList()) {
            for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
                if (it.next() instanceof OutputStreamAppender<ILoggingEvent> out
                        && out.getEncoder() instanceof LogLineEncoder encoder) {
                    encoder.format = format;
                }
            }
        }
    }

    @Override
    public byte[] headerBytes() {
        return null;
    }

    @Override
    public byte[] footerBytes() {
        return null;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        String line = format == LogFormat.JSON ? json(event) : human(event);
        return (line + "\n").getBytes(StandardCharsets.UTF_8);
    }

    String human(ILoggingEvent event) {
        Map<String, String> mdc = event.getMDCPropertyMap();
        StringBuilder line = new StringBuilder(160);
        line.append(TIME.format(Instant.ofEpochMilli(event.getTimeStamp()))).append(' ');
        String level = event.getLevel().toString();
        line.append(level).append(" ".repeat(Math.max(0, 5 - level.length()))).append(" [");
        String integration = mdc.get(WorkContext.INTEGRATION);
        if (integration != null) {
            line.append(clean(integration)).append(' ');
        }
        line.append(correlationId(mdc)).append("] ").append(abbreviator.abbreviate(event.getLoggerName()))
                .append(": ").append(clean(event.getFormattedMessage()));
        IThrowableProxy error = event.getThrowableProxy();
        if (error != null) {
            line.append(" | ").append(clean(throwable(error)));
        }
        return line.toString();
    }

    String json(ILoggingEvent event) {
        Map<String, String> mdc = event.getMDCPropertyMap();
        StringBuilder line = new StringBuilder(256).append('{');
        field(line, "time", TIME.format(Instant.ofEpochMilli(event.getTimeStamp()))).append(',');
        field(line, "level", event.getLevel().toString()).append(',');
        field(line, "logger", event.getLoggerName()).append(',');
        field(line, "thread", event.getThreadName()).append(',');
        field(line, "correlationId", correlationId(mdc));
        String integration = mdc.get(WorkContext.INTEGRATION);
        if (integration != null) {
            line.append(',');
            field(line, "integration", integration);
        }
        line.append(',');
        field(line, "message", event.getFormattedMessage());
        IThrowableProxy error = event.getThrowableProxy();
        if (error != null) {
            line.append(',');
            field(line, "exception", throwable(error));
            StackTraceElementProxy[] frames = error.getStackTraceElementProxyArray();
            if (frames != null && frames.length > 0) {
                line.append(",\"stack\":[");
                for (int i = 0; i < Math.min(frames.length, 12); i++) {
                    if (i > 0) {
                        line.append(',');
                    }
                    string(line, frames[i].getSTEAsString());
                }
                line.append(']');
            }
        }
        return line.append('}').toString();
    }

    private static String correlationId(Map<String, String> mdc) {
        String id = mdc.get(WorkContext.CORRELATION_ID);
        return clean(id == null || id.isBlank() ? RUN_ID : id);
    }

    /** The exception chain on one line: {@code Type: message; caused by Type: message}. */
    private static String throwable(IThrowableProxy error) {
        StringBuilder text = new StringBuilder();
        int depth = 0;
        for (IThrowableProxy t = error; t != null && depth < 5; t = t.getCause(), depth++) {
            if (depth > 0) {
                text.append("; caused by ");
            }
            text.append(t.getClassName());
            if (t.getMessage() != null) {
                text.append(": ").append(t.getMessage());
            }
        }
        StackTraceElementProxy[] frames = error.getStackTraceElementProxyArray();
        if (frames != null && frames.length > 0) {
            text.append(" (at ").append(frames[0].getStackTraceElement()).append(')');
        }
        return text.toString();
    }

    /** CR, LF, tabs and every other control character become a space. */
    static String clean(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\u0085') {
                if (out == null) {
                    out = new StringBuilder(text.length()).append(text, 0, i);
                }
                out.append(' ');
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    private static StringBuilder field(StringBuilder line, String name, String value) {
        string(line, name);
        line.append(':');
        return string(line, value);
    }

    private static StringBuilder string(StringBuilder line, String value) {
        String text = clean(value);
        line.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        line.append(String.format("\\u%04x", (int) c));
                    } else {
                        line.append(c);
                    }
                }
            }
        }
        return line.append('"');
    }
}
