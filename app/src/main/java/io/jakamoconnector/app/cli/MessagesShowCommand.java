package io.jakamoconnector.app.cli;

import io.jakamoconnector.domain.model.audit.AttemptHistory;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.sync.DedupKey;
import io.jakamoconnector.domain.model.sync.InboundQuery;
import io.jakamoconnector.domain.model.sync.InboundRecord;
import io.jakamoconnector.domain.model.sync.InboundState;
import io.jakamoconnector.domain.model.sync.OrderSequence;
import io.jakamoconnector.domain.model.sync.OutboundRecord;
import io.jakamoconnector.domain.model.sync.OutboundState;
import io.jakamoconnector.domain.model.sync.OutboundStatus;
import io.jakamoconnector.domain.port.out.MessageQueriesPort;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code messages show}: one document with its history and next step, or one message (its raw bytes if quarantined). */
@Command(name = "show", mixinStandardHelpOptions = true, description = {"Shows one outbound document by its id, "
        + "or one inbound message by integration and key (the full key or its first 12 characters as listed).",
        "  messages show 42", "  messages show orders 3fa85f64e1b2 [--raw]"})
final class MessagesShowCommand implements Callable<Integer> {
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
                long id = MessageArguments.id(spec, what.get(0));
                Optional<OutboundRecord> record = queries.findOutbound(id);
                if (record.isEmpty()) {
                    err.println("jakamo-connector: no outbound document " + id + " (see: messages list --direction out)");
                    return ExitCodes.PROBLEMS;
                }
                AttemptHistory history = AttemptHistory.of(p.auditQueries().eventsAbout(
                        OutboundDocuments.audited(record.get()), HISTORY_STEPS));
                describe(out, record.get(), history, record.get().state() == OutboundState.PENDING
                        ? OutboundDocuments.waitsFor(queries, record.get()) : Optional.empty());
                if (record.get().state() == OutboundState.IN_DOUBT) {
                    evidence(queries, record.get()).ifPresent(m -> out.printf("evidence      %s for %s "
                                    + "arrived from Jakamo at %s, after this document was picked up: Jakamo most "
                                    + "likely has it%n", m.type().label(),
                            m.businessKey().map(Object::toString).orElse("-"), m.receivedAt()));
                }
                return ExitCodes.OK;
            }
            IntegrationName integration = MessageArguments.value(spec, "INTEGRATION", () -> new IntegrationName(what.get(0)));
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

    /** What a person does next about a document in this state: a command to paste, or that nothing is needed. */
    static String nextStep(OutboundRecord d) {
        String order = d.type().label() + " " + d.businessKey().map(Object::toString).orElse(d.ref().value());
        return switch (d.state()) {
            case PENDING, SENDING -> "nothing: the service sends it";
            case SENT -> "nothing: Jakamo has it";
            case IN_DOUBT -> "check in Jakamo whether " + order + " arrived, then run one of:\n"
                    + "              jakamo-connector messages resolve " + d.id() + " --sent --reason \"...\"\n"
                    + "              jakamo-connector messages resolve " + d.id() + " --not-sent --reason \"...\"";
            case FAILED -> d.status() instanceof OutboundStatus.RefusedLocally
                    ? "refused by the connector, NOT sent to Jakamo: correct the file in "
                    + "failed/ (its .error.txt says what is wrong), then run:\n"
                    + "              jakamo-connector messages retry " + d.id() + " --reason \"...\""
                    : "correct the document and drop it again, or fix the cause at Jakamo and run:\n"
                    + "              jakamo-connector messages retry " + d.id() + " --reason \"...\"";
            case DEAD -> "check the connection (jakamo-connector doctor), then run:\n"
                    + "              jakamo-connector messages retry " + d.id() + " --reason \"...\"";
            case DISCARDED -> "nothing: an operator decided it is never sent (see the audit trail for why)";
        };
    }
}
