package io.jakamoconnector.app.cli;

import io.jakamoconnector.domain.model.InvalidValueException;
import io.jakamoconnector.domain.model.sync.InboundState;
import io.jakamoconnector.domain.model.sync.OperatorDecision;
import io.jakamoconnector.domain.model.sync.OutboundState;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine;

/** The messages commands' arguments checked alike: ids, names, times, states, and the operator's decision. */
final class MessageArguments {
    private MessageArguments() {
    }

    /** The operator, as the operating system names the user running the command, and the reason. */
    static OperatorDecision decision(String reason) {
        return new OperatorDecision(Operator.name(), reason);
    }

    static Optional<OutboundState> outStateOf(String text) {
        return enumValue(OutboundState.class, text.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    static Optional<InboundState> inStateOf(String text) {
        return enumValue(InboundState.class, text.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    static <E extends Enum<E>> Optional<E> enumValue(Class<E> type, String name) {
        try {
            return Optional.of(Enum.valueOf(type, name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static long id(CommandLine.Model.CommandSpec spec, String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw usage(spec, "ID: '" + text + "' is not a document id (a number, as 'messages list' shows)");
        }
    }

    static <T> T value(CommandLine.Model.CommandSpec spec, String option, java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (InvalidValueException e) {
            throw usage(spec, option + ": " + e.rule());
        } catch (IllegalArgumentException e) {
            throw usage(spec, option + ": " + e.getMessage());
        }
    }

    static Optional<Instant> instant(CommandLine.Model.CommandSpec spec, String option, String text) {
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

    static CommandLine.ParameterException usage(CommandLine.Model.CommandSpec spec, String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
