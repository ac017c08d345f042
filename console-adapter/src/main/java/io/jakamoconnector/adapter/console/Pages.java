package io.jakamoconnector.adapter.console;

import io.jakamoconnector.adapter.console.Sessions.Session;
import io.jakamoconnector.domain.model.InvalidValueException;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditedDocument;
import io.jakamoconnector.domain.model.auth.OperatorRole;
import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.sync.DedupKey;
import io.jakamoconnector.domain.model.sync.InboundQuery;
import io.jakamoconnector.domain.model.sync.InboundRecord;
import io.jakamoconnector.domain.model.sync.InboundState;
import io.jakamoconnector.domain.model.sync.OutboundQuery;
import io.jakamoconnector.domain.model.sync.OutboundRecord;
import io.jakamoconnector.domain.model.sync.OutboundState;
import io.jakamoconnector.domain.model.sync.Waiting;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** The read-only pages: each turns what the ports answer into the view the template lays out. */
final class Pages {
    static final int PAGE_SIZE = 50;
    static final int TIMELINE_SIZE = 200;
    private static final int SHOWN_BYTES = 256 * 1024;

    private final ConsoleServices services;
    private final Times times;
    private final Clock clock;
    private final List<ConsoleSettings.ConfigLine> configuration;

    Pages(ConsoleServices services, Times times, Clock clock, List<ConsoleSettings.ConfigLine> configuration) {
        this.services = services;
        this.times = times;
        this.clock = clock;
        this.configuration = configuration;
    }

    static Views.Page page(Session session, String title, String nav) {
        if (session == null) {
            return new Views.Page(title, nav, null, null, null, false, null);
        }
        String roles = session.identity.roles().stream().map(OperatorRole::claimValue).sorted()
                .reduce((a, b) -> a + ", " + b).orElse("no role");
        return new Views.Page(title, nav, session.identity.userName(), roles, session.csrf,
                session.identity.may(OperatorRole.OPERATOR), session.takeFlash());
    }

    Map<String, Object> overview(Session session) {
        Instant now = clock.instant();
        Map<String, List<Views.Waiting>> waiting = new LinkedHashMap<>();
        for (Waiting w : services.messages().waitingForPerson()) {
            String name = w.integration().value();
            String list = w.state().outbound() ? "/documents" : "/messages";
            waiting.computeIfAbsent(name, k -> new ArrayList<>()).add(new Views.Waiting(w.state().code(), w.count(),
                    times.of(w.oldestSince()), Times.age(Duration.between(w.oldestSince(), now)),
                    list + "?integration=" + encode(name) + "&state=" + w.state().code()));
        }
        List<Views.Integration> integrations = new ArrayList<>();
        for (IntegrationStatus s : services.status().get()) {
            integrations.add(new Views.Integration(s.integration(), s.state(), times.of(s.heldUntil()),
                    times.of(s.tokenExpiry()), times.of(s.lastPoll()), times.of(s.lastSend()),
                    s.lastFailure().orElse(null), waiting.getOrDefault(s.integration(), List.of())));
        }
        return Map.of("page", page(session, "Overview", "overview"), "integrations", integrations);
    }

    Map<String, Object> documents(Session session, Context ctx) {
        Filter f = filter(ctx, Arrays.stream(OutboundState.values()).map(s -> s.name().toLowerCase(Locale.ROOT)).toList());
        List<OutboundRecord> records = services.messages().listOutbound(new OutboundQuery(f.integration,
                f.state.map(s -> OutboundState.valueOf(s.toUpperCase(Locale.ROOT))), f.order, f.from, f.until,
                PAGE_SIZE, f.offset));
        List<Views.DocumentLine> rows = records.stream().map(this::row).toList();
        return Map.of("page", page(session, "Documents", "documents"), "filters", f.view("/documents", rows.size()),
                "rows", rows);
    }

    Map<String, Object> messages(Session session, Context ctx) {
        Filter f = filter(ctx, Arrays.stream(InboundState.values()).map(s -> s.name().toLowerCase(Locale.ROOT)).toList());
        List<InboundRecord> records = services.messages().listInbound(new InboundQuery(f.integration,
                f.state.map(s -> InboundState.valueOf(s.toUpperCase(Locale.ROOT))), f.order, f.from, f.until,
                PAGE_SIZE, f.offset));
        List<Views.MessageLine> rows = records.stream().map(this::row).toList();
        return Map.of("page", page(session, "Messages", "messages"), "filters", f.view("/messages", rows.size()),
                "rows", rows);
    }

    Map<String, Object> document(Session session, String idText) {
        OutboundRecord d = services.messages().findOutbound(parseId(idText))
                .orElseThrow(() -> new Refused(404, "There is no document " + idText + "."));
        List<Views.Field> fields = new ArrayList<>();
        fields.add(Views.Field.text("Integration", d.integration().value()));
        fields.add(Views.Field.text("State", d.state().name().toLowerCase(Locale.ROOT)));
        fields.add(Views.Field.text("Type", d.type().name()));
        fields.add(orderField(d.businessKey()));
        fields.add(Views.Field.text("File", d.ref().value()));
        fields.add(Views.Field.text("SHA-256", d.sha256().hex()));
        fields.add(Views.Field.text("Attempts", Integer.toString(d.attempts())));
        fields.add(Views.Field.at("Picked up", times.of(d.createdAt())));
        fields.add(Views.Field.at("Next attempt", times.of(d.nextAttemptAt())));
        fields.add(Views.Field.text("Archived", d.archived() ? "yes" : "no"));
        List<Views.MessageLine> evidence = d.businessKey().map(key -> services.messages().listInbound(new InboundQuery(
                Optional.of(d.integration()), Optional.empty(), Optional.of(key), Optional.empty(), Optional.empty(),
                20, 0)).stream().map(this::row).toList()).orElse(List.of());
        List<AuditEvent> trail = new ArrayList<>(services.audit().eventsAbout(new AuditedDocument(d.integration(),
                d.sha256()), 100));
        java.util.Collections.reverse(trail);   // newest first
        List<Views.EventLine> events = trail.stream().map(e -> new Views.EventLine(times.of(e.at()), e.action().code(),
                e.outcome().code(), e.actor(), e.reason() == null ? "" : e.reason())).toList();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("page", page(session, "Document " + d.id(), "documents"));
        model.put("id", d.id());
        model.put("fields", fields);
        model.put("lastError", d.lastError().orElse(null));
        model.put("evidence", evidence);
        model.put("actions", Actions.forDocument(d));
        model.put("events", events);
        return model;
    }

    Map<String, Object> message(Session session, String integration, String key) {
        InboundRecord m = findMessage(integration, key);
        List<Views.Field> fields = new ArrayList<>();
        fields.add(Views.Field.text("Integration", m.integration().value()));
        fields.add(Views.Field.text("State", m.state().name().toLowerCase(Locale.ROOT)));
        fields.add(Views.Field.text("Type", m.type().name()));
        fields.add(orderField(m.businessKey()));
        fields.add(Views.Field.text("SHA-256", m.sha256().hex()));
        fields.add(Views.Field.at("Received", times.of(m.receivedAt())));
        fields.add(Views.Field.at("Acknowledged", times.of(m.acknowledgedAt())));
        fields.add(Views.Field.text("Deliveries", Integer.toString(m.deliveries())));
        fields.add(Views.Field.text("Delivered as", m.deliveredAs().orElse("—")));
        fields.add(Views.Field.text("Quarantined because", m.quarantineReason().orElse("—")));
        Optional<byte[]> bytes = services.messages().quarantinedBytes(m.integration(), m.dedupKey());
        String shown = bytes.map(b -> new String(b, 0, Math.min(b.length, SHOWN_BYTES), StandardCharsets.UTF_8)
                + (b.length > SHOWN_BYTES ? "\n… (" + b.length + " bytes in all: download them)" : "")).orElse(null);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("page", page(session, "Message", "messages"));
        model.put("key", m.dedupKey().value());
        model.put("fields", fields);
        model.put("bytes", shown);
        model.put("download", messageHref(m) + "/raw");
        model.put("actions", Actions.forMessage(m, messageHref(m)));
        return model;
    }

    /**
     * One order across both directions, oldest first: each document at the time it was picked up, each message at
     * the time it was received, with its state and a link to it. At most {@link #TIMELINE_SIZE} of each direction,
     * the newest ones; the page says when more exist.
     */
    Map<String, Object> order(Session session, String orderText) {
        BusinessKey order;
        if (orderText == null || orderText.isBlank()) {
            throw new Refused(400, "Name an order number (order?number=...).");
        }
        try {
            order = new BusinessKey(orderText);
        } catch (InvalidValueException e) {
            throw new Refused(400, "Not an order number: " + e.getMessage());
        }
        List<OutboundRecord> documents = services.messages().listOutbound(new OutboundQuery(Optional.empty(),
                Optional.empty(), Optional.of(order), Optional.empty(), Optional.empty(), TIMELINE_SIZE, 0));
        List<InboundRecord> messages = services.messages().listInbound(new InboundQuery(Optional.empty(),
                Optional.empty(), Optional.of(order), Optional.empty(), Optional.empty(), TIMELINE_SIZE, 0));
        record Entry(Instant at, Views.TimelineLine line) {
        }
        List<Entry> entries = new ArrayList<>();
        for (OutboundRecord d : documents) {
            entries.add(new Entry(d.createdAt(), new Views.TimelineLine(times.of(d.createdAt()), "to Jakamo",
                    d.integration().value(), d.type().name(), d.state().name().toLowerCase(Locale.ROOT),
                    "document " + d.id(), "/documents/" + d.id(), d.lastError().map(Pages::shortly).orElse(""))));
        }
        for (InboundRecord m : messages) {
            entries.add(new Entry(m.receivedAt(), new Views.TimelineLine(times.of(m.receivedAt()), "from Jakamo",
                    m.integration().value(), m.type().name(), m.state().name().toLowerCase(Locale.ROOT),
                    "message " + m.dedupKey().shortForm(), messageHref(m),
                    m.quarantineReason().map(Pages::shortly).orElse(""))));
        }
        entries.sort(java.util.Comparator.comparing(Entry::at));
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("page", page(session, "Order " + order.value(), ""));
        model.put("order", order.value());
        model.put("lines", entries.stream().map(Entry::line).toList());
        model.put("cut", documents.size() == TIMELINE_SIZE || messages.size() == TIMELINE_SIZE);
        model.put("query", encode(order.value()));
        return model;
    }

    /** The order's timeline, or null when there is no order number. */
    static String orderHref(String order) {
        return order == null || order.isEmpty() ? null : "/order?number=" + encode(order);
    }

    private static Views.Field orderField(Optional<BusinessKey> key) {
        return key.map(k -> Views.Field.link("Order", k.value(), orderHref(k.value())))
                .orElse(Views.Field.text("Order", "—"));
    }

    private static String shortly(String text) {
        return text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }

    /** The bytes as a download: never rendered by the browser, whatever they contain. */
    void raw(Context ctx) {
        ConsoleServer.session(ctx);
        InboundRecord m = findMessage(ctx.pathParam("integration"), ctx.pathParam("key"));
        byte[] bytes = services.messages().quarantinedBytes(m.integration(), m.dedupKey())
                .orElseThrow(() -> new Refused(404, "The connector keeps the bytes of quarantined messages only."));
        ctx.header("Content-Disposition", "attachment; filename=\"message-" + m.sha256().hex().substring(0, 12) + ".xml\"");
        ctx.contentType("application/octet-stream").result(bytes);
    }

    Map<String, Object> configuration(Session session) {
        return Map.of("page", page(session, "Configuration", "configuration"), "lines", configuration);
    }

    private InboundRecord findMessage(String integration, String key) {
        try {
            return services.messages().findInbound(new IntegrationName(integration), new DedupKey(key))
                    .orElseThrow(() -> new Refused(404, "There is no such message."));
        } catch (InvalidValueException e) {
            throw new Refused(400, "Not a message address: " + e.getMessage());
        }
    }

    private Views.DocumentLine row(OutboundRecord d) {
        return new Views.DocumentLine(d.id(), "/documents/" + d.id(), d.integration().value(), d.type().name(),
                d.businessKey().map(BusinessKey::value).orElse(""), d.state().name().toLowerCase(Locale.ROOT),
                d.attempts(), times.of(d.createdAt()), d.lastError().map(e -> e.length() > 160 ? e.substring(0, 160) + "…" : e).orElse(""));
    }

    private Views.MessageLine row(InboundRecord m) {
        String key = m.dedupKey().value();
        return new Views.MessageLine(m.integration().value(), key.length() > 16 ? key.substring(0, 16) + "…" : key,
                messageHref(m), m.type().name(), m.businessKey().map(BusinessKey::value).orElse(""),
                m.state().name().toLowerCase(Locale.ROOT), times.of(m.receivedAt()), m.deliveries(),
                m.quarantineReason().orElse(""));
    }

    static String messageHref(InboundRecord m) {
        return "/messages/" + encode(m.integration().value()) + "/" + encode(m.dedupKey().value());
    }

    private static long parseId(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new Refused(404, "There is no document " + text + ".");
        }
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private Filter filter(Context ctx, List<String> states) {
        try {
            Optional<IntegrationName> integration = blank(ctx.queryParam("integration")).map(IntegrationName::new);
            Optional<String> state = blank(ctx.queryParam("state")).filter(states::contains);
            Optional<BusinessKey> order = blank(ctx.queryParam("order")).map(BusinessKey::new);
            Optional<Instant> from = blank(ctx.queryParam("from")).map(Pages::utc);
            Optional<Instant> until = blank(ctx.queryParam("until")).map(Pages::utc);
            int offset = blank(ctx.queryParam("offset")).map(Integer::parseInt).filter(o -> o >= 0).orElse(0);
            TreeSet<String> names = new TreeSet<>();
            services.status().get().forEach(s -> names.add(s.integration()));
            return new Filter(integration, state, order, from, until, offset, List.copyOf(names), states,
                    ctx.queryParam("from"), ctx.queryParam("until"));
        } catch (InvalidValueException | NumberFormatException | DateTimeParseException e) {
            throw new Refused(400, "A filter is not usable: " + e.getMessage());
        }
    }

    private static Instant utc(String local) {
        return LocalDateTime.parse(local).toInstant(ZoneOffset.UTC);
    }

    private static Optional<String> blank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private record Filter(Optional<IntegrationName> integration, Optional<String> state, Optional<BusinessKey> order,
                          Optional<Instant> from, Optional<Instant> until, int offset, List<String> integrations,
                          List<String> states, String fromText, String untilText) {

        Views.Filters view(String path, int shown) {
            String base = path + "?integration=" + encode(integration.map(IntegrationName::value).orElse(""))
                    + "&state=" + encode(state.orElse("")) + "&order=" + encode(order.map(BusinessKey::value).orElse(""))
                    + "&from=" + encode(fromText == null ? "" : fromText) + "&until=" + encode(untilText == null ? "" : untilText)
                    + "&offset=";
            return new Views.Filters(integration.map(IntegrationName::value).orElse(""), state.orElse(""),
                    order.map(BusinessKey::value).orElse(""), fromText == null ? "" : fromText,
                    untilText == null ? "" : untilText, integrations, states,
                    offset > 0 ? base + Math.max(0, offset - PAGE_SIZE) : null,
                    shown == PAGE_SIZE ? base + (offset + PAGE_SIZE) : null);
        }
    }
}
