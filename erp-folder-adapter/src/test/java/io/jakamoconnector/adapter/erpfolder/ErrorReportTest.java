package io.jakamoconnector.adapter.erpfolder;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.ArchiveVerdict;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ErrorReportTest {

    @Test
    void says_what_happened_what_to_do_when_and_which_file() {
        String text = ErrorReport.text(new IntegrationName("orders"), "to_jakamo/po-1.xml", "failed/po-1.xml", 42,
                Optional.of("ab".repeat(32)), Instant.parse("2026-11-29T10:00:00.123Z"),
                ArchiveVerdict.Delivery.REFUSED_BY_JAKAMO, "HTTP 400: Order not found", "send the Order first");
        assertThat(text).startsWith("This file was sent to Jakamo and REFUSED").contains("What happened:\n  HTTP 400: Order not found",
                "What to do:\n  send the Order first", "File:          to_jakamo/po-1.xml",
                "Archived as:   failed/po-1.xml", "Integration:   orders", "When (UTC):    2026-11-29T10:00:00.123Z",
                "Size:          42 bytes", "SHA-256:       " + "ab".repeat(32));
    }

    @Test
    void keeps_line_breaks_of_a_long_explanation_and_drops_other_control_characters() {
        String text = ErrorReport.text(new IntegrationName("orders"), "a\u001b[31m.xml", "failed/a.xml", -1,
                Optional.empty(), Instant.EPOCH, ArchiveVerdict.Delivery.NOT_SENT, "line one\r\nline two\u0007", "");
        assertThat(text).contains("  line one\n  line two?", "(no details given)", "File:          a?[31m.xml",
                "Size:          unknown").doesNotContain("\u001b", "\u0007", "SHA-256");
    }

    /**
     * A clerk reads the first line. A document whose answer was lost may be at Jakamo: "NOT sent" there made a clerk
     * drop it again and create a second purchase order.
     */
    @Test
    void the_first_line_says_whether_jakamo_may_have_the_document() {
        for (ArchiveVerdict.Delivery delivery : ArchiveVerdict.Delivery.values()) {
            String first = ErrorReport.text(new IntegrationName("orders"), "to_jakamo/po-1.xml", "failed/po-1.xml", 1,
                    Optional.empty(), Instant.EPOCH, delivery, "x", "y").lines().findFirst().orElseThrow();
            if (delivery == ArchiveVerdict.Delivery.MAY_HAVE_BEEN_SENT) {
                assertThat(first).startsWith("This file MAY HAVE BEEN SENT to Jakamo. Do NOT drop it again")
                        .doesNotContain("NOT sent");
            } else if (delivery == ArchiveVerdict.Delivery.NOT_SENT) {
                assertThat(first).startsWith("This file was NOT sent to Jakamo");
            } else {
                assertThat(first).doesNotContain("MAY HAVE BEEN SENT").doesNotContain("NOT sent");
            }
        }
    }
}
