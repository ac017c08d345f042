package io.jakamoconnector.app.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * {@code logging.format: json} as a collector reads it: lines written through a real Logback appender, each parsed
 * with Jackson, with exactly the documented fields (docs/configuration.md), the MDC's correlation id and integration,
 * the exception, and values full of quotes, backslashes and line breaks still one valid object per line.
 */
class JsonLogLinesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    private Logger logger;

    /** A logger of the running Logback, so the MDC is the one {@link WorkContext} fills. */
    private Logger logger() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        LogLineEncoder encoder = new LogLineEncoder();
        encoder.setContext(context);
        encoder.setFormat("json");
        encoder.start();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(written);
        appender.start();
        logger = context.getLogger(JsonLogLinesTest.class);
        logger.setAdditive(false);
        logger.setLevel(Level.INFO);
        logger.addAppender(appender);
        return logger;
    }

    @AfterEach
    void detach() {
        MDC.clear();
        logger.detachAppender(appender);
        appender.stop();
    }

    private List<JsonNode> lines() throws Exception {
        String text = written.toString(StandardCharsets.UTF_8);
        assertThat(text).endsWith("\n");
        List<JsonNode> parsed = new ArrayList<>();
        for (String line : text.substring(0, text.length() - 1).split("\n", -1)) {
            parsed.add(JSON.readTree(line));   // each line alone is one whole JSON object
        }
        return parsed;
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void everyLineIsOneObjectWithTheDocumentedFieldsTheCorrelationIdAndTheException() throws Exception {
        Logger logger = logger();
        MDC.put(WorkContext.INTEGRATION, "orders");
        MDC.put(WorkContext.CORRELATION_ID, "out-0a1b2c3d4e");
        logger.warn("Order \"PO-1\"\nrefused:\r\n\tC:\\erp\\to_jakamo\\PO-1.xml \u2028 {\"level\":\"INFO\"}",
                new IllegalStateException("Jakamo said \"no\"\nat line 3", new java.io.IOException("reset")));
        MDC.clear();
        logger.warn("outside any unit of work");

        List<JsonNode> lines = lines();
        assertThat(lines).hasSize(2);
        JsonNode first = lines.get(0);
        assertThat(fields(first)).containsExactly("correlationId", "exception", "integration", "level", "logger",
                "message", "stack", "thread", "time");
        assertThat(first.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(first.get("level").asText()).isEqualTo("WARN");
        assertThat(first.get("logger").asText()).isEqualTo(JsonLogLinesTest.class.getName());
        assertThat(first.get("thread").asText()).isEqualTo(Thread.currentThread().getName());
        assertThat(first.get("correlationId").asText()).isEqualTo("out-0a1b2c3d4e");
        assertThat(first.get("integration").asText()).isEqualTo("orders");
        assertThat(first.get("message").asText()).isEqualTo(
                "Order \"PO-1\" refused:   C:\\erp\\to_jakamo\\PO-1.xml   {\"level\":\"INFO\"}");
        assertThat(first.get("exception").asText()).startsWith("java.lang.IllegalStateException: Jakamo said \"no\" "
                + "at line 3; caused by java.io.IOException: reset (at " + getClass().getName());
        assertThat(first.get("stack").isArray()).isTrue();
        assertThat(first.get("stack").get(0).asText()).startsWith("at " + getClass().getName()
                + ".everyLineIsOneObjectWithTheDocumentedFieldsTheCorrelationIdAndTheException");

        JsonNode second = lines.get(1);
        assertThat(fields(second)).containsExactly("correlationId", "level", "logger", "message", "thread", "time");
        assertThat(second.get("correlationId").asText()).isEqualTo(LogLineEncoder.RUN_ID);
    }
}
