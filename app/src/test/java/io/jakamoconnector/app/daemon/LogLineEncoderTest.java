package io.jakamoconnector.app.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Both line formats: one line per event whatever the values hold, and the correlation id on each. */
class LogLineEncoderTest {
    private static final String FORGED = "order PO-1\r\n2026-01-01T00:00:00.000Z INFO  [x] forged: all is well\u2028!";

    private static LoggingEvent event(String message, Map<String, String> mdc, Throwable error) {
        LoggerContext context = new LoggerContext();
        LoggingEvent event = new LoggingEvent("test", context.getLogger("io.jakamoconnector.adapter.jakamo."
                + "JakamoApiClient"), Level.WARN, message, error, new Object[0]);
        event.setMDCPropertyMap(mdc);
        return event;
    }

    private static String encode(LogLineEncoder encoder, LoggingEvent event) {
        return new String(encoder.encode(event), StandardCharsets.UTF_8);
    }

    @Test
    void humanLinesCarryTheIntegrationAndCorrelationIdAndNeverBreak() {
        LogLineEncoder encoder = new LogLineEncoder();
        String line = encode(encoder, event("got " + FORGED, Map.of("integration", "orders", "correlationId",
                "in-0011223344"), new IllegalStateException("bad\nthing", new java.io.IOException("reset\r\n"))));

        assertThat(line).endsWith("\n").doesNotContain("\r");
        assertThat(line.substring(0, line.length() - 1)).doesNotContain("\n").doesNotContain("\u2028");
        assertThat(line).contains(" WARN  [orders in-0011223344] i.j.a.j.JakamoApiClient: got order PO-1  2026")
                .contains("| java.lang.IllegalStateException: bad thing; caused by java.io.IOException: reset");
    }

    @Test
    void aLineOutsideAnyUnitOfWorkGetsTheProcessRunId() {
        String line = encode(new LogLineEncoder(), event("starting", Map.of(), null));
        assertThat(line).contains("[" + LogLineEncoder.RUN_ID + "]");
        assertThat(LogLineEncoder.RUN_ID).matches("proc-[0-9a-f]{10}");
    }

    @Test
    void jsonLinesAreOneObjectEachWithEveryValueStrippedAndEscaped() throws Exception {
        LogLineEncoder encoder = new LogLineEncoder();
        encoder.setFormat("json");
        String line = encode(encoder, event("quote \" backslash \\ " + FORGED, Map.of("integration", "orders",
                "correlationId", "out-00aabbccdd\n"), new IllegalArgumentException("x\ny")));

        assertThat(line).endsWith("}\n");
        assertThat(line.substring(0, line.length() - 1)).doesNotContain("\n").doesNotContain("\r")
                .doesNotContain("\\n").doesNotContain("\\r").doesNotContain("\u2028");
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.get("level").asText()).isEqualTo("WARN");
        assertThat(json.get("integration").asText()).isEqualTo("orders");
        assertThat(json.get("correlationId").asText()).isEqualTo("out-00aabbccdd ");
        assertThat(json.get("message").asText()).startsWith("quote \" backslash \\ order PO-1  2026");
        assertThat(json.get("exception").asText()).startsWith("java.lang.IllegalArgumentException: x y");
        assertThat(json.get("stack").isArray()).isTrue();
        assertThat(json.get("logger").asText()).isEqualTo("io.jakamoconnector.adapter.jakamo.JakamoApiClient");
    }

    @Test
    void anUnknownFormatIsHuman() {
        LogLineEncoder encoder = new LogLineEncoder();
        encoder.setFormat("xml");
        assertThat(encoder.format()).isEqualTo(io.jakamoconnector.app.config.LogFormat.HUMAN);
        encoder.setFormat(" JSON ");
        assertThat(encoder.format()).isEqualTo(io.jakamoconnector.app.config.LogFormat.JSON);
    }
}
