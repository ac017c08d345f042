package io.jakamoconnector.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.app.daemon.SyncProgress.SyncPhase;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
    private static final IntegrationName ORDERS = new IntegrationName("orders");
    private final StringWriter text = new StringWriter();
    private final AtomicLong now = new AtomicLong();

    @Test
    void onATerminalOneLineIsRewrittenWithCountRateAndRemaining() {
        ProgressLine progress = new ProgressLine(new PrintWriter(text), true, now::get);
        progress.began(ORDERS, SyncPhase.OUTBOUND, OptionalLong.of(40));
        now.set(2_000_000_000L);
        progress.advanced(ORDERS, SyncPhase.OUTBOUND, 10, OptionalLong.of(30));
        now.set(2_050_000_000L);
        progress.advanced(ORDERS, SyncPhase.OUTBOUND, 11, OptionalLong.of(29));   // too soon: not drawn
        now.set(4_000_000_000L);
        progress.advanced(ORDERS, SyncPhase.OUTBOUND, 40, OptionalLong.of(0));
        progress.ended(ORDERS, SyncPhase.OUTBOUND, "40 picked up, 40 sent", true);

        String out = text.toString();
        assertThat(out).startsWith("\rorders outbound: starting (40 waiting at the ERP side)")
                .contains("\rorders outbound: 10 handled, 5.0/s, 30 remaining")
                .doesNotContain("11 handled")
                .contains("\rorders outbound: 40 handled, 10.0/s, 0 remaining")
                .endsWith("\r[ OK ] orders outbound: 40 picked up, 40 sent" + " ".repeat(3) + System.lineSeparator());
    }

    @Test
    void elsewhereOnlyPlainLines() {
        ProgressLine progress = new ProgressLine(new PrintWriter(text), false, now::get);
        progress.began(ORDERS, SyncPhase.INBOUND, OptionalLong.empty());
        now.set(1_000_000_000L);
        progress.advanced(ORDERS, SyncPhase.INBOUND, 5, OptionalLong.empty());
        now.set(11_000_000_000L);
        progress.advanced(ORDERS, SyncPhase.INBOUND, 500, OptionalLong.empty());
        progress.ended(ORDERS, SyncPhase.INBOUND, "500 received", false);

        assertThat(text.toString()).doesNotContain("\r").isEqualTo(
                "orders inbound: 500 received, 45.5/s" + System.lineSeparator()
                        + "[WARN] orders inbound: 500 received" + System.lineSeparator());
    }
}
