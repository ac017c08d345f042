package io.jakamoconnector.app.cli;

import io.jakamoconnector.domain.port.in.ResolveInDoubtDocumentCommand;
import io.jakamoconnector.domain.service.ResolveInDoubtDocumentService;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code messages resolve}: a document in doubt settled as sent or not sent, audited with who and why. */
@Command(name = "resolve", mixinStandardHelpOptions = true, description = {"Settles a document in doubt after you "
        + "checked in Jakamo whether it arrived: --sent if it did, --not-sent to send it again.",
        "Recorded in the audit trail with your name and reason."})
final class MessagesResolveCommand implements Callable<Integer> {
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
        long documentId = MessageArguments.id(spec, id);
        boolean sent = verdict.sent;
        String command = "messages resolve " + documentId + (sent ? " --sent" : " --not-sent");
        Optional<String> why = OperatorReason.require(reason, command, spec.commandLine().getErr());
        if (why.isEmpty()) {
            return ExitCodes.USAGE;
        }
        ResolveInDoubtDocumentCommand resolve = MessageArguments.value(spec, "ID/--reason",
                () -> new ResolveInDoubtDocumentCommand(documentId, sent, MessageArguments.decision(why.get())));
        return OutboundCorrections.correct(spec, (p, node) -> new ResolveInDoubtDocumentService(p.operatorCorrections(),
                p.auditTrail(), Clock.systemUTC(), node).resolve(resolve));
    }
}
