package io.jakamoconnector.app.cli;

import picocli.CommandLine;

/** {@code java -jar jakamo-connector.jar ...}: runs one command and exits with its code. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line as the launcher does, without exiting; tests call this. */
    public static int run(String... args) {
        return RootCommand.commandLine(System.getenv(), System.out, System.err).execute(args);
    }

    static CommandLine.IExecutionExceptionHandler errors() {
        return (e, cmd, parseResult) -> {
            cmd.getErr().println("jakamo-connector: " + e.getMessage());
            return ExitCodes.SOFTWARE;
        };
    }
}
