package io.jakamoconnector.app.cli;

import io.jakamoconnector.app.wiring.PersistenceResource;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.sync.InboundCorrection;
import io.jakamoconnector.domain.model.sync.InboundRecord;
import io.jakamoconnector.domain.model.sync.OperatorDecision;
import io.jakamoconnector.domain.port.in.RedeliverQuarantinedMessageCommand;
import io.jakamoconnector.domain.port.out.ErpInboxPort;
import io.jakamoconnector.domain.service.RedeliverQuarantinedMessageService;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code messages redeliver}: a quarantined message delivered to the ERP after its cause was fixed, audited. */
@Command(name = "redeliver", mixinStandardHelpOptions = true, description = {"Delivers a quarantined message to "
        + "the ERP after its cause was fixed (a connector version that reads it, the from_jakamo folder writable "
        + "again): its kept bytes are read again and written to from_jakamo as the service would have.",
        "Recorded in the audit trail with your name and reason.",
        "  messages redeliver orders 3fa85f64e1b2 --reason \"reader fixed in 1.4\""})
final class MessagesRedeliverCommand implements Callable<Integer> {
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
        IntegrationName name = MessageArguments.value(spec, "INTEGRATION", () -> new IntegrationName(integration));
        String command = "messages redeliver " + name + " " + key;
        Optional<String> why = OperatorReason.require(reason, command, spec.commandLine().getErr());
        if (why.isEmpty()) {
            return ExitCodes.USAGE;
        }
        OperatorDecision decision = MessageArguments.value(spec, "--reason", () -> MessageArguments.decision(why.get()));
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return StorageSession.correctWithErpFolders(AuditCommand.root(spec), err, (injector, node) -> {
            PersistenceResource p = injector.getInstance(PersistenceResource.class);
            Optional<InboundRecord> record = MessagesShowCommand.findInbound(p.messageQueries(), name, key);
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
