package io.jakamoconnector.app.cli;

import io.jakamoconnector.app.config.ConnectorConfig;
import io.jakamoconnector.app.config.IntegrationConfig;
import io.jakamoconnector.app.wiring.PersistenceResource;
import io.jakamoconnector.domain.model.validation.ValidationMode;
import io.jakamoconnector.domain.port.in.RetryOutboundDocumentCommand;
import io.jakamoconnector.domain.port.out.ErpOutboxPort;
import io.jakamoconnector.domain.service.RetryOutboundDocumentService;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code messages retry}: a failed or dead document sent again, audited with who and why. */
@Command(name = "retry", mixinStandardHelpOptions = true, description = "Sends a failed or dead document again "
        + "(after the cause was fixed). Recorded in the audit trail with your name and reason.")
final class MessagesRetryCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "ID")
    private String id;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the audit trail (asked for on a "
            + "terminal when missing).")
    private String reason;

    @Override
    public Integer call() {
        long documentId = MessageArguments.id(spec, id);
        Optional<String> why = OperatorReason.require(reason, "messages retry " + documentId,
                spec.commandLine().getErr());
        if (why.isEmpty()) {
            return ExitCodes.USAGE;
        }
        RetryOutboundDocumentCommand command = MessageArguments.value(spec, "ID/--reason",
                () -> new RetryOutboundDocumentCommand(documentId, MessageArguments.decision(why.get())));
        // the ERP's folders: a document refused before sending is read again from its corrected file in failed/
        return OutboundCorrections.correctWithErpFolders(spec, (injector, node) -> {
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
