package io.jakamoconnector.app.cli;

import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.sync.InboundCorrection;
import io.jakamoconnector.domain.model.sync.InboundRecord;
import io.jakamoconnector.domain.model.sync.OperatorDecision;
import io.jakamoconnector.domain.port.in.DiscardOutboundDocumentCommand;
import io.jakamoconnector.domain.port.in.DiscardQuarantinedMessageCommand;
import io.jakamoconnector.domain.service.DiscardOutboundDocumentService;
import io.jakamoconnector.domain.service.DiscardQuarantinedMessageService;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code messages discard}: a document that must never be sent, or a message never to be delivered, set aside; audited. */
@Command(name = "discard", mixinStandardHelpOptions = true, description = {"Ends a failed, dead or in-doubt "
        + "document that must never be sent: it stops waiting for a person, and its file moves from failed/ to "
        + "failed/discarded/ at the service's next round. Or sets aside for good a quarantined message that will "
        + "never be delivered (by integration and key): it stops waiting for a person and its kept bytes are "
        + "dropped.",
        "Recorded in the audit trail with your name and reason.",
        "  messages discard 42 --reason \"order cancelled in the ERP\"",
        "  messages discard orders 3fa85f64e1b2 --reason \"supplier sent a corrected one\""})
final class MessagesDiscardCommand implements Callable<Integer> {
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
        long documentId = MessageArguments.id(spec, what.get(0));
        Optional<String> why = OperatorReason.require(reason, "messages discard " + documentId,
                spec.commandLine().getErr());
        if (why.isEmpty()) {
            return ExitCodes.USAGE;
        }
        DiscardOutboundDocumentCommand command = MessageArguments.value(spec, "ID/--reason",
                () -> new DiscardOutboundDocumentCommand(documentId, MessageArguments.decision(why.get())));
        return OutboundCorrections.correct(spec, (p, node) -> new DiscardOutboundDocumentService(p.operatorCorrections(),
                p.auditTrail(), Clock.systemUTC(), node).discard(command));
    }

    private int discardMessage() {
        IntegrationName name = MessageArguments.value(spec, "INTEGRATION", () -> new IntegrationName(what.get(0)));
        String key = what.get(1);
        Optional<String> why = OperatorReason.require(reason, "messages discard " + name + " " + key,
                spec.commandLine().getErr());
        if (why.isEmpty()) {
            return ExitCodes.USAGE;
        }
        OperatorDecision decision = MessageArguments.value(spec, "--reason", () -> MessageArguments.decision(why.get()));
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return StorageSession.correct(AuditCommand.root(spec), err, (p, node) -> {
            Optional<InboundRecord> record = MessagesShowCommand.findInbound(p.messageQueries(), name, key);
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
