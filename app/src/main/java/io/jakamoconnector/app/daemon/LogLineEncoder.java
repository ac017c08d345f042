package io.jakamoconnector.app.daemon;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.pattern.TargetLengthBasedClassNameAbbreviator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.jakamoconnector.app.config.LogFormat;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
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
 * texts, MDC values) has CR, LF and other control characters replaced, so no value can forge a line in either format.
 * <p>
 * The JSON object is written by Jackson's streaming generator (Jackson is here for the configuration already), which
 * does the quoting and escaping; Logback's own {@code JsonEncoder} was not taken because its fields are fixed
 * ({@code timestamp}, {@code loggerName}, the MDC nested under {@code mdc}, ...) and would change the documented ones
 * ({@code time}, {@code level}, {@code logger}, {@code thread}, {@code correlationId}, {@code integration},
 * {@code message}, {@code exception}, {@code stack}) that collectors are set up for.
 */
public final class LogLineEncoder extends EncoderBase<ILoggingEvent> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
            .withZone(ZoneOffset.UTC);
    /** This process's correlation id for lines outside any unit of work. */
    static final String RUN_ID = WorkContext.newId("proc");

    private static final JsonFactory JSON = JsonFactory.builder().build();

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
        StringWriter line = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(line)) {
            json.writeStartObject();
            json.writeStringField("time", TIME.format(Instant.ofEpochMilli(event.getTimeStamp())));
            json.writeStringField("level", event.getLevel().toString());
            json.writeStringField("logger", clean(event.getLoggerName()));
            json.writeStringField("thread", clean(event.getThreadName()));
            json.writeStringField("correlationId", correlationId(mdc));
            String integration = mdc.get(WorkContext.INTEGRATION);
            if (integration != null) {
                json.writeStringField("integration", clean(integration));
            }
            json.writeStringField("message", clean(event.getFormattedMessage()));
            IThrowableProxy error = event.getThrowableProxy();
            if (error != null) {
                json.writeStringField("exception", clean(throwable(error)));
                StackTraceElementProxy[] frames = error.getStackTraceElementProxyArray();
                if (frames != null && frames.length > 0) {
                    json.writeArrayFieldStart("stack");
                    for (int i = 0; i < Math.min(frames.length, 12); i++) {
                        json.writeString(clean(frames[i].getSTEAsString()));
                    }
                    json.writeEndArray();
                }
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("a log line could not be written into memory", e);
        }
        return line.toString();
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
}
