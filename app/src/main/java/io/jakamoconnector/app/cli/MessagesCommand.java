package io.jakamoconnector.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** What the connector received and sent, and the operator's corrections: retry, resolve and redeliver. */
@Command(name = "messages", mixinStandardHelpOptions = true, description = "Lists and inspects messages and "
        + "documents, and retries, resolves or redelivers the ones that need a person.",
        subcommands = {MessagesListCommand.class, MessagesShowCommand.class, MessagesRetryCommand.class,
                MessagesResolveCommand.class, MessagesRedeliverCommand.class, MessagesDiscardCommand.class})
final class MessagesCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
