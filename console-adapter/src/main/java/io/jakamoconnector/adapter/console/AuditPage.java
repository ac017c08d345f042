package io.jakamoconnector.adapter.console;

import io.jakamoconnector.adapter.console.Sessions.Session;
import io.jakamoconnector.domain.model.InvalidValueException;
import io.jakamoconnector.domain.model.audit.AuditVerification;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit page: search (integration and time narrow the export the trail makes; order and action pick its lines),
 * verify the whole trail now, and download the export with its signed checkpoint. The search keeps only the newest
 * {@value #SHOWN} matching lines in memory, however large the trail.
 */
final class AuditPage {
    private static final Logger LOG = LoggerFactory.getLogger(AuditPage.class);
    static final int SHOWN = 200;

    private final ConsoleServices services;
    private final Clock clock;
    private final List<String> integrations;

    AuditPage(ConsoleServices services, Clock clock) {
        this.services = services;
        this.clock = clock;
        this.integrations = services.status().get().stream().map(IntegrationStatus::integration).sorted().toList();
    }

    Map<String, Object> page(Session session, Context ctx) {
        Search search = search(ctx);
        List<String> lines = List.of();
        String summary = null;
        if (search.asked()) {
            LineMatcher matcher = new LineMatcher(search.order(), search.action());
            try {
                AuditArchive.Exported exported = services.archive().export(search.integration(), search.from(),
                        search.until(), matcher);
                matcher.flush();
                summary = exported.refused().map(why -> "The trail does not check out, so nothing is shown: " + why)
                        .orElse(matcher.matched + " of " + exported.events() + " events match"
                                + (matcher.matched > SHOWN ? "; the newest " + SHOWN + " are shown" : "") + ".");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            lines = new ArrayList<>(matcher.newest);
            java.util.Collections.reverse(lines);
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("page", Pages.page(session, "Audit", "audit"));
        model.put("integrations", integrations);
        model.put("integration", search.integration().map(IntegrationName::value).orElse(""));
        model.put("order", search.order());
        model.put("action", search.action());
        model.put("from", text(ctx.queryParam("from")));
        model.put("until", text(ctx.queryParam("until")));
        model.put("summary", summary);
        model.put("lines", lines);
        model.put("exportHref", "/audit/export?" + (ctx.queryString() == null ? "" : ctx.queryString()));
        return model;
    }

    void verify(Context ctx) {
        Session session = ConsoleServer.session(ctx);
        AuditVerification result = services.archive().verify();
        if (result instanceof AuditVerification.Intact intact) {
            session.flash = "The audit trail is intact: " + intact.events() + " events up to sequence "
                    + intact.lastSequence() + ", " + intact.checkpoints() + " checkpoints.";
        } else if (result instanceof AuditVerification.Broken broken) {
            LOG.warn("console: {} verified the audit trail: broken at sequence {}: {}", session.identity.actor(),
                    broken.firstBadSequence(), broken.reason());
            session.flash = "The audit trail is BROKEN at sequence " + broken.firstBadSequence() + ": "
                    + broken.reason() + ". See docs/operations.md (the audit trail) for what to do.";
        }
        ctx.redirect("/audit", HttpStatus.SEE_OTHER);
    }

    /** The export as a download, written to a private temp file first so a refusal is an answer, not a cut file. */
    void export(Context ctx) throws IOException {
        Session session = ConsoleServer.session(ctx);
        Search search = search(ctx);
        Path temp = Files.createTempFile("jakamo-audit-export", ".jsonl");
        try {
            AuditArchive.Exported exported;
            try (OutputStream out = Files.newOutputStream(temp)) {
                exported = services.archive().export(search.integration(), search.from(), search.until(), out);
            }
            if (exported.refused().isPresent()) {
                throw new Refused(409, "The trail does not check out, so it was not exported: "
                        + exported.refused().get());
            }
            LOG.info("console: {} downloaded an audit export of {} events", session.identity.actor(), exported.events());
            ctx.header("Content-Disposition", "attachment; filename=\"jakamo-audit-"
                    + clock.instant().getEpochSecond() + ".jsonl\"");
            ctx.contentType("application/x-ndjson");
            try (InputStream in = Files.newInputStream(temp)) {
                in.transferTo(ctx.outputStream());
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private record Search(boolean asked, Optional<IntegrationName> integration, String order, String action,
                          Optional<Instant> from, Optional<Instant> until) {
    }

    private static Search search(Context ctx) {
        try {
            Optional<IntegrationName> integration = blank(ctx.queryParam("integration")).map(IntegrationName::new);
            Optional<Instant> from = blank(ctx.queryParam("from")).map(t -> LocalDateTime.parse(t).toInstant(ZoneOffset.UTC));
            Optional<Instant> until = blank(ctx.queryParam("until")).map(t -> LocalDateTime.parse(t).toInstant(ZoneOffset.UTC));
            if (from.isPresent() && until.isPresent() && !from.get().isBefore(until.get())) {
                throw new Refused(400, "Until must be after From.");
            }
            return new Search(ctx.queryParam("search") != null, integration, text(ctx.queryParam("order")).strip(),
                    text(ctx.queryParam("action")).strip().toLowerCase(Locale.ROOT), from, until);
        } catch (InvalidValueException | DateTimeParseException e) {
            throw new Refused(400, "A search field is not usable: " + e.getMessage());
        }
    }

    private static Optional<String> blank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    /** Splits the export into lines as it is written and keeps the newest event lines that match. */
    private static final class LineMatcher extends OutputStream {
        private static final int LONGEST_LINE = 64 * 1024;
        private final String order;
        private final String action;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        final Deque<String> newest = new ArrayDeque<>();
        long matched;

        LineMatcher(String order, String action) {
            this.order = order.isEmpty() ? null : "\"" + order + "\"";
            this.action = action.isEmpty() ? null : "\"action\":\"" + action + "\"";
        }

        @Override
        public void write(int b) {
            if (b == '\n') {
                flush();
            } else if (line.size() < LONGEST_LINE) {
                line.write(b);
            }
        }

        @Override
        public void flush() {
            if (line.size() == 0) {
                return;
            }
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            if (text.startsWith("{\"checkpoint\"") || (order != null && !text.contains(order))
                    || (action != null && !text.contains(action))) {
                return;
            }
            matched++;
            newest.addLast(text);
            if (newest.size() > SHOWN) {
                newest.removeFirst();
            }
        }
    }
}
