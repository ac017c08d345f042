package io.jakamoconnector.adapter.erpfolder;

import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.ArchiveVerdict;
import java.time.Instant;
import java.util.Optional;

/** The text of a {@code <file>.error.txt}, written for the ERP team: what happened, what to do, when, which file. */
final class ErrorReport {
    private ErrorReport() {
    }

    /**
     * @param sha256 the archived file's SHA-256, which the connector's audit trail names it by; empty when unknown
     */
    static String text(IntegrationName integration, String originalRef, String archivedAs, long size,
                       Optional<String> sha256, Instant when, ArchiveVerdict.Delivery delivery, String whatHappened,
                       String whatToDo) {
        return text(integration, originalRef, archivedAs, size, sha256, when, headline(delivery), whatHappened,
                whatToDo);
    }

    static String text(IntegrationName integration, String originalRef, String archivedAs, long size,
                       Optional<String> sha256, Instant when, String headline, String whatHappened, String whatToDo) {
        StringBuilder s = new StringBuilder();
        s.append(headline).append("\n\n");
        s.append("What happened:\n").append(indent(whatHappened)).append("\n\n");
        s.append("What to do:\n").append(indent(whatToDo)).append("\n\n");
        s.append("File:          ").append(clean(originalRef)).append('\n');
        s.append("Archived as:   ").append(clean(archivedAs)).append('\n');
        s.append("Integration:   ").append(integration).append('\n');
        s.append("When (UTC):    ").append(when).append('\n');
        s.append("Size:          ").append(size < 0 ? "unknown" : size + " bytes").append('\n');
        sha256.ifPresent(h -> s.append("SHA-256:       ").append(h).append('\n'));
        return s.toString();
    }

    /** The first line of a discarded file's report: nothing is left to do about it, and why it is kept. */
    static final String DISCARDED = "This file was DISCARDED by an operator: the connector will never send it. It is "
            + "kept here for the record; there is nothing left to do about it.";

    /** The first line: whether Jakamo has the document, which decides what a person may do with the file. */
    static String headline(ArchiveVerdict.Delivery delivery) {
        return switch (delivery) {
            case NOT_SENT -> "This file was NOT sent to Jakamo: the connector refused it before sending.";
            case REFUSED_BY_JAKAMO -> "This file was sent to Jakamo and REFUSED: Jakamo did not accept it.";
            case NOT_DELIVERED -> "This file did NOT reach Jakamo: every attempt to send it failed.";
            case MAY_HAVE_BEEN_SENT -> "This file MAY HAVE BEEN SENT to Jakamo. Do NOT drop it again before you "
                    + "have checked Jakamo (see below): a second copy would be a second document.";
        };
    }

    /** Multi-line text, each line indented; control characters other than line breaks and tabs removed. */
    private static String indent(String text) {
        String t = text == null || text.isBlank() ? "(no details given)" : text.strip();
        t = t.replace("\r\n", "\n").replace('\r', '\n').replaceAll("[\\p{Cntrl}&&[^\n\t]]", "?");
        return "  " + t.replace("\n", "\n  ");
    }

    private static String clean(String value) {
        return value.replaceAll("\\p{Cntrl}", "?");
    }
}
