package io.jakamoconnector.app.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.util.Optional;

/**
 * The reason an operator gives for a correction, for the audit trail. The commands the connector prints (in error
 * files, notifications, hints) carry {@code --reason "..."} to fill in; pasted as they are, or without the option, the
 * operator is asked on a terminal, and told exactly what to add elsewhere, instead of getting the whole usage.
 */
final class OperatorReason {
    /** What the printed commands carry in place of a reason. */
    static final String PLACEHOLDER = "...";

    private OperatorReason() {
    }

    /**
     * The reason given, or one asked for on the terminal; empty (after saying what to do on {@code err}) when there is
     * none and no terminal to ask.
     *
     * @param command the command as the operator would type it, without the reason ({@code messages retry 3})
     */
    static Optional<String> require(String given, String command, PrintWriter err) {
        if (given != null && !given.isBlank() && !given.strip().equals(PLACEHOLDER)) {
            return Optional.of(given.strip());
        }
        Console console = System.console();
        if (console != null) {
            String typed = console.readLine("Why (for the audit trail)? ");
            if (typed != null && !typed.isBlank() && !typed.strip().equals(PLACEHOLDER)) {
                return Optional.of(typed.strip());
            }
        }
        err.println("jakamo-connector: " + command + " needs a reason for the audit trail: run it again as");
        err.println("  jakamo-connector " + command + " --reason \"<why, e.g. the ticket or what was checked>\"");
        return Optional.empty();
    }
}
