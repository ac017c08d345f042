package io.jakamoconnector.app.cli;

import io.jakamoconnector.app.wiring.PersistenceResource;
import io.jakamoconnector.domain.model.InvalidValueException;
import io.jakamoconnector.domain.model.audit.AttemptHistory;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditedDocument;
import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.sync.DedupKey;
import io.jakamoconnector.domain.model.sync.InboundQuery;
import io.jakamoconnector.domain.model.sync.InboundRecord;
import io.jakamoconnector.domain.model.sync.InboundState;
import io.jakamoconnector.domain.model.sync.OrderSequence;
import io.jakamoconnector.domain.model.sync.InboundCorrection;
import io.jakamoconnector.domain.model.sync.OperatorDecision;
import io.jakamoconnector.domain.model.sync.OutboundCorrection;
import io.jakamoconnector.domain.model.sync.OutboundQuery;
import io.jakamoconnector.domain.model.sync.OutboundRecord;
import io.jakamoconnector.domain.model.sync.OutboundState;
import io.jakamoconnector.domain.model.sync.OutboundStatus;
import io.jakamoconnector.domain.model.validation.ValidationMode;
import io.jakamoconnector.domain.port.in.DiscardOutboundDocumentCommand;
import io.jakamoconnector.domain.port.in.DiscardQuarantinedMessageCommand;
import io.jakamoconnector.domain.port.in.RedeliverQuarantinedMessageCommand;
import io.jakamoconnector.domain.port.in.ResolveInDoubtDocumentCommand;
import io.jakamoconnector.domain.port.in.RetryOutboundDocumentCommand;
import io.jakamoconnector.domain.port.out.ErpInboxPort;
import io.jakamoconnector.domain.port.out.ErpOutboxPort;
import io.jakamoconnector.app.config.ConnectorConfig;
import io.jakamoconnector.app.config.IntegrationConfig;
import com.google.inject.Injector;
import io.jakamoconnector.domain.port.out.MessageQueriesPort;
import io.jakamoconnector.domain.service.DiscardOutboundDocumentService;
import io.jakamoconnector.domain.service.DiscardQuarantinedMessageService;
import io.jakamoconnector.domain.service.RedeliverQuarantinedMessageService;
import io.jakamoconnector.domain.service.ResolveInDoubtDocumentService;
import io.jakamoconnector.domain.service.RetryOutboundDocumentService;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What the connector received and sent, and the operator's corrections: retry, resolve and redeliver. */
@Command(name = "messages", mixinStandardHelpOptions = true, description = "Lists and inspects messages and "
        + "documents, and retries, resolves or redelivers the ones that need a person.",
        subcommands = {MessagesCommand.ListMessages.class, MessagesCommand.Show.class, MessagesCommand.Retry.class,
                MessagesCommand.Resolve.class, MessagesCommand.Redeliver.class, MessagesCommand.Discard.class})
final class MessagesCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = {"Lists documents sent to Jakamo (out) "
            + "and messages received from it (in), newest first.", "States out: pending, sending, sent, in_doubt, "
            + "failed, dead, discarded. States in: delivered, acknowledged, quarantined, quarantined_acknowledged, "
            + "discarded."})
    static final class ListMessages implements Callable<Integer> {
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
                throw usage(spec, "--direction: must be in, out or both");
            }
            Optional<IntegrationName> name = Optional.ofNullable(integration).map(v -> value(spec, "--integration",
                    () -> new IntegrationName(v)));
            Optional<BusinessKey> businessKey = Optional.ofNullable(key).map(v -> value(spec, "--key",
                    () -> new BusinessKey(v)));
            Optional<Instant> from = instant(spec, "--since", since);
            Optional<Instant> to = instant(spec, "--until", until);
            Optional<OutboundState> outState = Optional.empty();
            Optional<InboundState> inState = Optional.empty();
            if (state != null) {
                String upper = state.toUpperCase(Locale.ROOT).replace('-', '_');
                outState = enumValue(OutboundState.class, upper);
                inState = enumValue(InboundState.class, upper);
                if (outState.isEmpty() && inState.isEmpty()) {
                    throw usage(spec, "--state: '" + state + "' is no state; see --help for the states");
                }
            }
            InboundQuery inQuery = value(spec, "--limit/--since/--until", () -> new InboundQuery(name,
                    Optional.empty(), businessKey, from, to, limit, offset));
            OutboundQuery outQuery = new OutboundQuery(name, Optional.empty(), businessKey, from, to, limit, offset);
            boolean wantOut = !direction.equals("in") && (state == null || outStateOf(state).isPresent());
            boolean wantIn = !direction.equals("out") && (state == null || inStateOf(state).isPresent());
            Optional<OutboundState> finalOut = outState;
            Optional<InboundState> finalIn = inState;
            PrintWriter out = spec.commandLine().getOut();
            return StorageSession.run(AuditCommand.root(spec), spec.commandLine().getErr(), Optional.empty(), p -> {
                MessageQueriesPort queries = p.messageQueries();
                if (wantOut) {
                    List<OutboundRecord> docs = queries.listOutbound(new OutboundQuery(outQuery.integration(),
                            finalOut, outQuery.businessKey(), outQuery.from(), outQuery.until(), limit, offset));
                    Map<AuditedDocument, Instant> sent = p.auditQueries().lastSent(docs.stream()
                            .map(MessagesCommand::audited).toList());
                    out.printf("OUT %-6s %-12s %-14s %-16s %-20s %-8s %-20s %-20s %-24s %s%n", "ID", "INTEGRATION",
                            "TYPE", "ORDER", "STATE", "ATTEMPTS", "PICKED UP", "SENT", "FILE", "LAST ERROR");
                    docs.forEach(d -> out.printf("    %-6d %-12s %-14s %-16s %-20s %-8d %-20s %-20s %-24s %s%n",
                            d.id(), d.integration(), d.type().label(),
                            d.businessKey().map(Object::toString).orElse("-"), state(d), d.attempts(),
                            seconds(d.createdAt()), Optional.ofNullable(sent.get(audited(d)))
                                    .map(MessagesCommand::seconds).orElse("-"), d.ref(),
                            d.lastError().map(MessagesCommand::shortened).orElse("-")));
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
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = {"Shows one outbound document by its id, "
            + "or one inbound message by integration and key (the full key or its first 12 characters as listed).",
            "  messages show 42", "  messages show orders 3fa85f64e1b2 [--raw]"})
    static final class Show implements Callable<Integer> {
        /** Enough for every attempt of a document with room to spare; the oldest beyond are in an audit export. */
        private static final int HISTORY_STEPS = 200;
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Parameters(arity = "1..2", paramLabel = "ID | INTEGRATION KEY")
        private List<String> what;

        @Option(names = "--raw", description = "For a quarantined message, print its raw bytes instead.")
        private boolean raw;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            return StorageSession.run(AuditCommand.root(spec), err, Optional.empty(), p -> {
                MessageQueriesPort queries = p.messageQueries();
                if (what.size() == 1) {
                    long id = id(spec, what.get(0));
                    Optional<OutboundRecord> record = queries.findOutbound(id);
                    if (record.isEmpty()) {
                        err.println("jakamo-connector: no outbound document " + id + " (see: messages list --direction out)");
                        return ExitCodes.PROBLEMS;
                    }
                    AttemptHistory history = AttemptHistory.of(p.auditQueries().eventsAbout(
                            audited(record.get()), HISTORY_STEPS));
                    describe(out, record.get(), history, record.get().state() == OutboundState.PENDING
                            ? waitsFor(queries, record.get()) : Optional.empty());
                    if (record.get().state() == OutboundState.IN_DOUBT) {
                        evidence(queries, record.get()).ifPresent(m -> out.printf("evidence      %s for %s "
                                        + "arrived from Jakamo at %s, after this document was picked up: Jakamo most "
                                        + "likely has it%n", m.type().label(),
                                m.businessKey().map(Object::toString).orElse("-"), m.receivedAt()));
                    }
                    return ExitCodes.OK;
                }
                IntegrationName integration = value(spec, "INTEGRATION", () -> new IntegrationName(what.get(0)));
                Optional<InboundRecord> record = findInbound(queries, integration, what.get(1));
                if (record.isEmpty()) {
                    err.println("jakamo-connector: no inbound message " + what.get(1) + " in " + integration
                            + " (see: messages list --direction in)");
                    return ExitCodes.PROBLEMS;
                }
                if (raw) {
                    Optional<byte[]> bytes = queries.quarantinedBytes(integration, record.get().dedupKey());
                    if (bytes.isEmpty()) {
                        err.println("jakamo-connector: raw bytes are kept only for quarantined messages; this one was "
                                + "delivered as " + record.get().deliveredAs().orElse("?"));
                        return ExitCodes.PROBLEMS;
                    }
                    out.write(new String(bytes.get(), java.nio.charset.StandardCharsets.UTF_8));
                    out.flush();
                    return ExitCodes.OK;
                }
                describe(out, record.get());
                return ExitCodes.OK;
            });
        }

        /** The first message Jakamo sent for the document's order after the document was picked up. */
        private static Optional<InboundRecord> evidence(MessageQueriesPort queries, OutboundRecord d) {
            if (d.businessKey().isEmpty()) {
                return Optional.empty();
            }
            List<InboundRecord> after = queries.listInbound(new InboundQuery(Optional.of(d.integration()),
                    Optional.empty(), d.businessKey(), Optional.of(d.createdAt()), Optional.empty(), 100, 0));
            return after.isEmpty() ? Optional.empty() : Optional.of(after.get(after.size() - 1));
        }

        static Optional<InboundRecord> findInbound(MessageQueriesPort queries, IntegrationName integration,
                                                           String key) {
            if (key.length() == 64) {
                return queries.findInbound(integration, new DedupKey(key));
            }
            return queries.listInbound(new InboundQuery(Optional.of(integration), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), 1000, 0)).stream()
                    .filter(r -> r.dedupKey().value().startsWith(key)).findFirst();
        }

        private static void describe(PrintWriter out, OutboundRecord d, AttemptHistory history,
                                     Optional<OutboundRecord> heldBy) {
            out.printf("document      %d%nintegration   %s%ntype          %s%norder         %s%nfile          %s%n"
                            + "sha256        %s%nstate         %s%narchived      %s%nattempts      %d%n"
                            + "picked up     %s%nsent          %s%nnext attempt  %s%nlast error    %s%n",
                    d.id(), d.integration(), d.type().label(), d.businessKey().map(Object::toString).orElse("-"),
                    d.ref(), d.sha256(), d.state().name().toLowerCase(Locale.ROOT), d.archived() ? "yes" : "no",
                    d.attempts(), d.createdAt(), history.lastSent().map(Object::toString).orElse("-"),
                    d.nextAttemptAt().map(Object::toString).orElse("-"), d.lastError().orElse("-"));
            List<AuditEvent> steps = history.steps();
            if (steps.isEmpty()) {
                out.println("history       - (nothing in the audit trail for this document)");
            }
            for (int i = 0; i < steps.size(); i++) {
                out.printf("%-14s%s%n", i == 0 ? "history" : "", step(steps.get(i)));
            }
            out.printf("next step     %s%n", heldBy.map(first -> "held: " + OrderSequence.explain(d, first))
                    .orElseGet(() -> nextStep(d)));
        }

        /** One step for a person: when, what, which attempt, what Jakamo answered or what failed, and who. */
        private static String step(AuditEvent e) {
            StringBuilder line = new StringBuilder().append(e.at()).append("  ")
                    .append(e.action().code().replace('_', ' ')).append(" (").append(e.outcome().code()).append(')');
            if (e.attempt() != null) {
                line.append(", attempt ").append(e.attempt());
            }
            if (e.reason() != null) {
                line.append(": ").append(e.reason());
            }
            if (e.remoteCorrelationId() != null) {
                line.append(" [Jakamo ref ").append(e.remoteCorrelationId()).append(']');
            }
            if (!"connector".equals(e.actor())) {
                line.append(" by ").append(e.actor());
            }
            return line.toString();
        }

        private static void describe(PrintWriter out, InboundRecord m) {
            out.printf("message       %s%nintegration   %s%ntype          %s%norder         %s%nsha256        %s%n"
                            + "state         %s%nreceived      %s%nacknowledged  %s%ndelivered as  %s%n"
                            + "quarantined   %s%nnext step     %s%n",
                    m.dedupKey(), m.integration(), m.type().label(), m.businessKey().map(Object::toString).orElse("-"),
                    m.sha256(), m.state().name().toLowerCase(Locale.ROOT), m.receivedAt(),
                    m.acknowledgedAt().map(Object::toString).orElse("-"), m.deliveredAs().orElse("-"),
                    m.quarantineReason().orElse("-"), nextMessageStep(m));
        }

        private static String nextMessageStep(InboundRecord m) {
            String message = m.integration() + " " + m.dedupKey().shortForm();
            return switch (m.state()) {
                case DELIVERED, ACKNOWLEDGED -> "nothing";
                case DISCARDED -> "nothing: an operator set it aside for good (see the audit trail for why)";
                case QUARANTINED, QUARANTINED_ACKNOWLEDGED -> "look at it (jakamo-connector messages show " + message
                        + " --raw); once the cause is fixed run:\n"
                        + "              jakamo-connector messages redeliver " + message + " --reason \"...\""
                        + (m.state() == InboundState.QUARANTINED ? "" : "\n              or, if it must never "
                        + "reach the ERP: jakamo-connector messages discard " + message + " --reason \"...\"");
            };
        }
    }

    @Command(name = "retry", mixinStandardHelpOptions = true, description = "Sends a failed or dead document again "
            + "(after the cause was fixed). Recorded in the audit trail with your name and reason.")
    static final class Retry implements Callable<Integer> {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "ID")
        private String id;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the audit trail (asked for on a "
                + "terminal when missing).")
        private String reason;

        @Override
        public Integer call() {
            long documentId = id(spec, id);
            Optional<String> why = OperatorReason.require(reason, "messages retry " + documentId,
                    spec.commandLine().getErr());
            if (why.isEmpty()) {
                return ExitCodes.USAGE;
            }
            RetryOutboundDocumentCommand command = value(spec, "ID/--reason",
                    () -> new RetryOutboundDocumentCommand(documentId, decision(why.get())));
            // the ERP's folders: a document refused before sending is read again from its corrected file in failed/
            return correctWithErpFolders(spec, (injector, node) -> {
                PersistenceResource p = injector.getInstance(PersistenceResource.class);
                ConnectorConfig config = injector.getInstance(ConnectorConfig.class);
                if (config.integrations().isEmpty()) {
                    return new RetryOutboundDocumentService(p.operatorCorrections(), p.auditTrail(),
                            Clock.systemUTC(), node).retry(command);
                }
                return new RetryOutboundDocumentService(p.operatorCorrections(),
                        injector.getInstance(ErpOutboxPort.class), integration -> config.integrations().stream()
                        .filter(i -> i.name().equals(integration)).map(IntegrationConfig::kind).findFirst(),
                        integration -> config.integrations().stream().filter(i -> i.name().equals(integration))
                                .map(IntegrationConfig::validation).findFirst().orElse(ValidationMode.defaultMode()),
                        p.auditTrail(), Clock.systemUTC(), node).retry(command);
            });
        }
    }

    @Command(name = "resolve", mixinStandardHelpOptions = true, description = {"Settles a document in doubt after you "
            + "checked in Jakamo whether it arrived: --sent if it did, --not-sent to send it again.",
            "Recorded in the audit trail with your name and reason."})
    static final class Resolve implements Callable<Integer> {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "ID")
        private String id;

        @CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
        private Verdict verdict;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the audit trail (asked for on a "
                + "terminal when missing).")
        private String reason;

        static final class Verdict {
            @Option(names = "--sent", required = true, description = "It reached Jakamo: mark it sent.")
            boolean sent;

            @Option(names = "--not-sent", required = true, description = "It did not: send it again.")
            boolean notSent;
        }

        @Override
        public Integer call() {
            long documentId = id(spec, id);
            boolean sent = verdict.sent;
            String command = "messages resolve " + documentId + (sent ? " --sent" : " --not-sent");
            Optional<String> why = OperatorReason.require(reason, command, spec.commandLine().getErr());
            if (why.isEmpty()) {
                return ExitCodes.USAGE;
            }
            ResolveInDoubtDocumentCommand resolve = value(spec, "ID/--reason",
                    () -> new ResolveInDoubtDocumentCommand(documentId, sent, decision(why.get())));
            return correct(spec, (p, node) -> new ResolveInDoubtDocumentService(p.operatorCorrections(),
                    p.auditTrail(), Clock.systemUTC(), node).resolve(resolve));
        }
    }

    @Command(name = "redeliver", mixinStandardHelpOptions = true, description = {"Delivers a quarantined message to "
            + "the ERP after its cause was fixed (a connector version that reads it, the from_jakamo folder writable "
            + "again): its kept bytes are read again and written to from_jakamo as the service would have.",
            "Recorded in the audit trail with your name and reason.",
            "  messages redeliver orders 3fa85f64e1b2 --reason \"reader fixed in 1.4\""})
    static final class Redeliver implements Callable<Integer> {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "INTEGRATION")
        private String integration;

        @Parameters(index = "1", paramLabel = "KEY", description = "The message's key, or its first 12 characters "
                + "as 'messages list' shows them.")
        private String key;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the audit trail (asked for on a "
                + "terminal when missing).")
        private String reason;

        @Override
        public Integer call() {
            IntegrationName name = value(spec, "INTEGRATION", () -> new IntegrationName(integration));
            String command = "messages redeliver " + name + " " + key;
            Optional<String> why = OperatorReason.require(reason, command, spec.commandLine().getErr());
            if (why.isEmpty()) {
                return ExitCodes.USAGE;
            }
            OperatorDecision decision = value(spec, "--reason", () -> decision(why.get()));
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            return StorageSession.correctWithErpFolders(AuditCommand.root(spec), err, (injector, node) -> {
                PersistenceResource p = injector.getInstance(PersistenceResource.class);
                Optional<InboundRecord> record = Show.findInbound(p.messageQueries(), name, key);
                if (record.isEmpty()) {
                    err.println("jakamo-connector: no inbound message " + key + " in " + name
                            + " (see: messages list --direction in --state quarantined)");
                    return ExitCodes.PROBLEMS;
                }
                InboundCorrection result = new RedeliverQuarantinedMessageService(p.operatorCorrections(),
                        injector.getInstance(ErpInboxPort.class), p.auditTrail(), Clock.systemUTC(), node)
                        .redeliver(new RedeliverQuarantinedMessageCommand(name, record.get().dedupKey(), decision));
                if (result instanceof InboundCorrection.Applied applied) {
                    out.printf("message %s: %s -> %s; delivered to the ERP as %s%n", applied.after().dedupKey()
                                    .shortForm(), applied.before().state().name().toLowerCase(Locale.ROOT),
                            applied.after().state().name().toLowerCase(Locale.ROOT),
                            applied.after().deliveredAs().orElse("?"));
                    return ExitCodes.OK;
                }
                InboundCorrection.Refused refused = (InboundCorrection.Refused) result;
                err.println("jakamo-connector: message " + refused.key().shortForm() + " in " + name + " not "
                        + "redelivered: " + refused.reason());
                return ExitCodes.PROBLEMS;
            });
        }
    }

    @Command(name = "discard", mixinStandardHelpOptions = true, description = {"Ends a failed, dead or in-doubt "
            + "document that must never be sent: it stops waiting for a person, and its file moves from failed/ to "
            + "failed/discarded/ at the service's next round. Or sets aside for good a quarantined message that will "
            + "never be delivered (by integration and key): it stops waiting for a person and its kept bytes are "
            + "dropped.",
            "Recorded in the audit trail with your name and reason.",
            "  messages discard 42 --reason \"order cancelled in the ERP\"",
            "  messages discard orders 3fa85f64e1b2 --reason \"supplier sent a corrected one\""})
    static final class Discard implements Callable<Integer> {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Parameters(arity = "1..2", paramLabel = "ID | INTEGRATION KEY")
        private List<String> what;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the audit trail (asked for on a "
                + "terminal when missing).")
        private String reason;

        @Override
        public Integer call() {
            if (what.size() == 2) {
                return discardMessage();
            }
            long documentId = id(spec, what.get(0));
            Optional<String> why = OperatorReason.require(reason, "messages discard " + documentId,
                    spec.commandLine().getErr());
            if (why.isEmpty()) {
                return ExitCodes.USAGE;
            }
            DiscardOutboundDocumentCommand command = value(spec, "ID/--reason",
                    () -> new DiscardOutboundDocumentCommand(documentId, decision(why.get())));
            return correct(spec, (p, node) -> new DiscardOutboundDocumentService(p.operatorCorrections(),
                    p.auditTrail(), Clock.systemUTC(), node).discard(command));
        }

        private int discardMessage() {
            IntegrationName name = value(spec, "INTEGRATION", () -> new IntegrationName(what.get(0)));
            String key = what.get(1);
            Optional<String> why = OperatorReason.require(reason, "messages discard " + name + " " + key,
                    spec.commandLine().getErr());
            if (why.isEmpty()) {
                return ExitCodes.USAGE;
            }
            OperatorDecision decision = value(spec, "--reason", () -> decision(why.get()));
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            return StorageSession.correct(AuditCommand.root(spec), err, (p, node) -> {
                Optional<InboundRecord> record = Show.findInbound(p.messageQueries(), name, key);
                if (record.isEmpty()) {
                    err.println("jakamo-connector: no inbound message " + key + " in " + name
                            + " (see: messages list --direction in --state quarantined_acknowledged)");
                    return ExitCodes.PROBLEMS;
                }
                InboundCorrection result = new DiscardQuarantinedMessageService(p.operatorCorrections(),
                        p.auditTrail(), Clock.systemUTC(), node)
                        .discard(new DiscardQuarantinedMessageCommand(name, record.get().dedupKey(), decision));
                if (result instanceof InboundCorrection.Applied applied) {
                    out.printf("message %s: %s -> %s; it no longer waits for a person%n",
                            applied.after().dedupKey().shortForm(),
                            applied.before().state().name().toLowerCase(Locale.ROOT),
                            applied.after().state().name().toLowerCase(Locale.ROOT));
                    return ExitCodes.OK;
                }
                InboundCorrection.Refused refused = (InboundCorrection.Refused) result;
                err.println("jakamo-connector: message " + refused.key().shortForm() + " in " + name + " not "
                        + "discarded: " + refused.reason());
                return ExitCodes.PROBLEMS;
            });
        }
    }

    /** The operator, as the operating system names the user running the command, and the reason. */
    private static OperatorDecision decision(String reason) {
        return new OperatorDecision(Operator.name(), reason);
    }

    private static int correct(CommandLine.Model.CommandSpec spec,
                               BiFunction<PersistenceResource, String, OutboundCorrection> correction) {
        return correctWithErpFolders(spec, null, correction);
    }

    private static int correctWithErpFolders(CommandLine.Model.CommandSpec spec,
                                             BiFunction<Injector, String, OutboundCorrection> correction) {
        return correctWithErpFolders(spec, correction, null);
    }

    /** Runs one of the two (the other null): with the ERP folders' injector, or with storage only. */
    private static int correctWithErpFolders(CommandLine.Model.CommandSpec spec,
                                             BiFunction<Injector, String, OutboundCorrection> withFolders,
                                             BiFunction<PersistenceResource, String, OutboundCorrection> storage) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BiFunction<OutboundCorrection, MessageQueriesPort, Integer> report = (result, queries) -> {
            if (result instanceof OutboundCorrection.Applied applied) {
                OutboundRecord after = applied.after();
                Optional<OutboundRecord> first = after.state() == OutboundState.PENDING
                        ? waitsFor(queries, after) : Optional.empty();
                out.printf("document %d: %s -> %s; %s%n", after.id(),
                        applied.before().state().name().toLowerCase(Locale.ROOT),
                        after.state().name().toLowerCase(Locale.ROOT), first.isPresent()
                                ? "held: " + OrderSequence.explain(after, first.get())
                                : "the running service picks it up at its next round");
                return ExitCodes.OK;
            }
            OutboundCorrection.Refused refused = (OutboundCorrection.Refused) result;
            err.println("jakamo-connector: document " + refused.id() + ": " + refused.reason());
            return ExitCodes.PROBLEMS;
        };
        if (withFolders != null) {
            return StorageSession.correctWithErpFoldersIfAny(AuditCommand.root(spec), err,
                    (injector, node) -> report.apply(withFolders.apply(injector, node),
                            injector.getInstance(PersistenceResource.class).messageQueries()));
        }
        return StorageSession.correct(AuditCommand.root(spec), err,
                (p, node) -> report.apply(storage.apply(p, node), p.messageQueries()));
    }

    /** The document {@code d} waits for before it may go (the per-order rule the senders apply); empty if none. */
    static Optional<OutboundRecord> waitsFor(MessageQueriesPort queries, OutboundRecord d) {
        if (d.businessKey().isEmpty()) {
            return Optional.empty();
        }
        return OrderSequence.waitsFor(d, queries.listOutbound(new OutboundQuery(Optional.of(d.integration()),
                Optional.empty(), d.businessKey(), Optional.empty(), Optional.empty(), 1000, 0)));
    }

    /** One line of at most 80 characters, for a listing. */
    static String shortened(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() <= 80 ? line : line.substring(0, 79) + "…";
    }

    /** What a person does next about a document in this state: a command to paste, or that nothing is needed. */
    static String nextStep(OutboundRecord d) {
        String order = d.type().label() + " " + d.businessKey().map(Object::toString).orElse(d.ref().value());
        return switch (d.state()) {
            case PENDING, SENDING -> "nothing: the service sends it";
            case SENT -> "nothing: Jakamo has it";
            case IN_DOUBT -> "check in Jakamo whether " + order + " arrived, then run one of:\n"
                    + "              jakamo-connector messages resolve " + d.id() + " --sent --reason \"...\"\n"
                    + "              jakamo-connector messages resolve " + d.id() + " --not-sent --reason \"...\"";
            case FAILED -> d.status() instanceof OutboundStatus.RefusedLocally ? "refused by the connector, NOT sent to Jakamo: correct the file in "
                    + "failed/ (its .error.txt says what is wrong), then run:\n"
                    + "              jakamo-connector messages retry " + d.id() + " --reason \"...\""
                    : "correct the document and drop it again, or fix the cause at Jakamo and run:\n"
                    + "              jakamo-connector messages retry " + d.id() + " --reason \"...\"";
            case DEAD -> "check the connection (jakamo-connector doctor), then run:\n"
                    + "              jakamo-connector messages retry " + d.id() + " --reason \"...\"";
            case DISCARDED -> "nothing: an operator decided it is never sent (see the audit trail for why)";
        };
    }

    private static Optional<OutboundState> outStateOf(String text) {
        return enumValue(OutboundState.class, text.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    private static Optional<InboundState> inStateOf(String text) {
        return enumValue(InboundState.class, text.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    private static <E extends Enum<E>> Optional<E> enumValue(Class<E> type, String name) {
        try {
            return Optional.of(Enum.valueOf(type, name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static long id(CommandLine.Model.CommandSpec spec, String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw usage(spec, "ID: '" + text + "' is not a document id (a number, as 'messages list' shows)");
        }
    }

    private static <T> T value(CommandLine.Model.CommandSpec spec, String option, java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (InvalidValueException e) {
            throw usage(spec, option + ": " + e.rule());
        } catch (IllegalArgumentException e) {
            throw usage(spec, option + ": " + e.getMessage());
        }
    }

    private static Optional<Instant> instant(CommandLine.Model.CommandSpec spec, String option, String text) {
        if (text == null) {
            return Optional.empty();
        }
        Optional<Instant> at = TimeArgument.parse(text, Clock.systemUTC());
        if (at.isEmpty()) {
            throw usage(spec, option + ": '" + text + "' is no time; write an age (30m, 1h, 2d), a date (2026-12-01, "
                    + "UTC) or an instant (2026-12-01T08:00:00Z)");
        }
        return at;
    }

    private static CommandLine.ParameterException usage(CommandLine.Model.CommandSpec spec, String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    private static String seconds(Instant at) {
        return at.toString().substring(0, 19);
    }

    /** How the audit trail names a document. */
    static AuditedDocument audited(OutboundRecord d) {
        return new AuditedDocument(d.integration(), d.sha256());
    }
}
