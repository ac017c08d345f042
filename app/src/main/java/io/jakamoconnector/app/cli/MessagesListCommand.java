package io.jakamoconnector.app.cli;

import io.jakamoconnector.domain.model.audit.AuditedDocument;
import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.sync.InboundQuery;
import io.jakamoconnector.domain.model.sync.InboundRecord;
import io.jakamoconnector.domain.model.sync.InboundState;
import io.jakamoconnector.domain.model.sync.OutboundQuery;
import io.jakamoconnector.domain.model.sync.OutboundRecord;
import io.jakamoconnector.domain.model.sync.OutboundState;
import io.jakamoconnector.domain.port.out.MessageQueriesPort;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code messages list}: what was sent and received, newest first, filtered. */
@Command(name = "list", mixinStandardHelpOptions = true, description = {"Lists documents sent to Jakamo (out) "
        + "and messages received from it (in), newest first.", "States out: pending, sending, sent, in_doubt, "
        + "failed, dead, discarded. States in: delivered, acknowledged, quarantined, quarantined_acknowledged, "
        + "discarded."})
final class MessagesListCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--direction", paramLabel = "in|out|both", defaultValue = "both",
            description = "Which side (default: both).")
    private String direction;

    @Option(names = "--integration", paramLabel = "NAME")
    private String integration;

    @Option(names = "--state", paramLabel = "STATE")
    private String state;

    @Option(names = "--key", paramLabel = "ORDER", description = "The business key (the buyer's order number).")
    private String key;

    @Option(names = "--since", paramLabel = "TIME", description = "From: an age (30m, 1h, 2d), a date "
            + "(2026-12-01, UTC) or an instant (2026-12-01T08:00:00Z).")
    private String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Before: as --since.")
    private String until;

    @Option(names = "--limit", defaultValue = "50")
    private int limit;

    @Option(names = "--offset", defaultValue = "0")
    private int offset;

    @Override
    public Integer call() {
        if (!List.of("in", "out", "both").contains(direction)) {
            throw MessageArguments.usage(spec, "--direction: must be in, out or both");
        }
        Optional<IntegrationName> name = Optional.ofNullable(integration).map(v -> MessageArguments.value(spec, "--integration",
                () -> new IntegrationName(v)));
        Optional<BusinessKey> businessKey = Optional.ofNullable(key).map(v -> MessageArguments.value(spec, "--key",
                () -> new BusinessKey(v)));
        Optional<Instant> from = MessageArguments.instant(spec, "--since", since);
        Optional<Instant> to = MessageArguments.instant(spec, "--until", until);
        Optional<OutboundState> outState = Optional.empty();
        Optional<InboundState> inState = Optional.empty();
        if (state != null) {
            String upper = state.toUpperCase(Locale.ROOT).replace('-', '_');
            outState = MessageArguments.enumValue(OutboundState.class, upper);
            inState = MessageArguments.enumValue(InboundState.class, upper);
            if (outState.isEmpty() && inState.isEmpty()) {
                throw MessageArguments.usage(spec, "--state: '" + state + "' is no state; see --help for the states");
            }
        }
        InboundQuery inQuery = MessageArguments.value(spec, "--limit/--since/--until", () -> new InboundQuery(name,
                Optional.empty(), businessKey, from, to, limit, offset));
        OutboundQuery outQuery = new OutboundQuery(name, Optional.empty(), businessKey, from, to, limit, offset);
        boolean wantOut = !direction.equals("in") && (state == null || MessageArguments.outStateOf(state).isPresent());
        boolean wantIn = !direction.equals("out") && (state == null || MessageArguments.inStateOf(state).isPresent());
        Optional<OutboundState> finalOut = outState;
        Optional<InboundState> finalIn = inState;
        PrintWriter out = spec.commandLine().getOut();
        return StorageSession.run(AuditCommand.root(spec), spec.commandLine().getErr(), Optional.empty(), p -> {
            MessageQueriesPort queries = p.messageQueries();
            if (wantOut) {
                List<OutboundRecord> docs = queries.listOutbound(new OutboundQuery(outQuery.integration(),
                        finalOut, outQuery.businessKey(), outQuery.from(), outQuery.until(), limit, offset));
                Map<AuditedDocument, Instant> sent = p.auditQueries().lastSent(docs.stream()
                        .map(OutboundDocuments::audited).toList());
                out.printf("OUT %-6s %-12s %-14s %-16s %-20s %-8s %-20s %-20s %-24s %s%n", "ID", "INTEGRATION",
                        "TYPE", "ORDER", "STATE", "ATTEMPTS", "PICKED UP", "SENT", "FILE", "LAST ERROR");
                docs.forEach(d -> out.printf("    %-6d %-12s %-14s %-16s %-20s %-8d %-20s %-20s %-24s %s%n",
                        d.id(), d.integration(), d.type().label(),
                        d.businessKey().map(Object::toString).orElse("-"), state(d), d.attempts(),
                        seconds(d.createdAt()), Optional.ofNullable(sent.get(OutboundDocuments.audited(d)))
                                .map(MessagesListCommand::seconds).orElse("-"), d.ref(),
                        d.lastError().map(MessagesListCommand::shortened).orElse("-")));
            }
            if (wantIn) {
                List<InboundRecord> msgs = queries.listInbound(new InboundQuery(inQuery.integration(), finalIn,
                        inQuery.businessKey(), inQuery.from(), inQuery.until(), limit, offset));
                out.printf("IN  %-12s %-12s %-14s %-16s %-24s %-20s %s%n", "KEY", "INTEGRATION", "TYPE", "ORDER",
                        "STATE", "RECEIVED", "DELIVERED AS");
                msgs.forEach(m -> out.printf("    %-12s %-12s %-14s %-16s %-24s %-20s %s%n",
                        m.dedupKey().shortForm(), m.integration(), m.type().label(),
                        m.businessKey().map(Object::toString).orElse("-"),
                        m.state().name().toLowerCase(Locale.ROOT), m.receivedAt().toString().substring(0, 19),
                        m.deliveredAs().orElse(m.quarantineReason().map(r -> "(quarantined: " + r + ")")
                                .orElse("-"))));
            }
            return ExitCodes.OK;
        });
    }

    private static String state(OutboundRecord d) {
        return d.state().name().toLowerCase(Locale.ROOT) + (d.archived() ? "" : " (in folder)");
    }

    /** One line of at most 80 characters, for a listing. */
    static String shortened(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() <= 80 ? line : line.substring(0, 79) + "…";
    }

    static String seconds(Instant at) {
        return at.toString().substring(0, 19);
    }
}
