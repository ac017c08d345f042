package io.jakamoconnector.app.cli;

import com.google.inject.Injector;
import com.google.inject.Stage;
import io.jakamoconnector.app.config.ConfigurationException;
import io.jakamoconnector.app.config.ConnectorConfig;
import io.jakamoconnector.app.wiring.Composition;
import io.jakamoconnector.app.wiring.Injectors;
import io.jakamoconnector.app.wiring.Lifecycle;
import io.jakamoconnector.app.wiring.NotificationModule;
import io.jakamoconnector.domain.model.InvalidValueException;
import io.jakamoconnector.domain.model.attention.ChannelName;
import io.jakamoconnector.domain.port.out.AuditTrailPort;
import io.jakamoconnector.domain.port.out.PortFailureException;
import io.jakamoconnector.domain.service.AuditWriter;
import io.jakamoconnector.domain.service.NotificationService;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The notification channels: prove each one reaches people. */
@Command(name = "notify", mixinStandardHelpOptions = true, description = "Works with the notification channels "
        + "(notifications.channels).", subcommands = {NotifyCommand.TestChannels.class})
final class NotifyCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "test", mixinStandardHelpOptions = true, description = {"Sends a test message through each "
            + "configured channel (or one) and prints OK or what to fix per channel; each message is audited.",
            "Exit code 0 when every channel took its message, 1 when one did not, 78 when none is configured."})
    static final class TestChannels implements Callable<Integer> {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Option(names = "--channel", paramLabel = "NAME", description = "Only this channel.")
        private String channel;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            ConnectorConfig config;
            try {
                config = ServiceSession.root(spec).loadConfig();
            } catch (ConfigurationException e) {
                err.println("jakamo-connector: " + e.getMessage());
                return ExitCodes.CONFIG;
            }
            List<ChannelName> names = config.notifications().channels().stream().map(c -> c.name()).toList();
            if (names.isEmpty()) {
                err.println("jakamo-connector: " + config.source() + " configures no notification channel; add "
                        + "notifications.channels (docs/configuration.md, section notifications)");
                return ExitCodes.CONFIG;
            }
            Optional<ChannelName> only;
            try {
                only = Optional.ofNullable(channel).map(ChannelName::new);
            } catch (InvalidValueException e) {
                err.println("jakamo-connector: --channel: " + e.rule());
                return ExitCodes.USAGE;
            }
            if (only.isPresent() && !names.contains(only.get())) {
                err.println("jakamo-connector: --channel: no channel named " + only.get() + "; configured: "
                        + names.stream().map(ChannelName::value).toList());
                return ExitCodes.USAGE;
            }
            Clock clock = Clock.systemUTC();
            Injector injector = Injectors.strict(Stage.PRODUCTION, Composition.notifications(config, clock));
            try (Lifecycle lifecycle = injector.getInstance(Lifecycle.class)) {
                lifecycle.start();   // the database: each test message is audited
                AuditWriter audit = new AuditWriter(injector.getInstance(AuditTrailPort.class), clock, config.node(),
                        Operator.name());
                NotificationService service = new NotificationService(
                        injector.getInstance(NotificationModule.Channels.class).ports(), audit, clock,
                        config.notifications().policy());
                boolean allWent = true;
                for (NotificationService.TestResult result : service.test(only)) {
                    if (result.error().isEmpty()) {
                        out.println(result.channel() + ": OK (test message sent)");
                    } else {
                        allWent = false;
                        out.println(result.channel() + ": FAILED " + result.error().get());
                    }
                }
                return allWent ? ExitCodes.OK : ExitCodes.PROBLEMS;
            } catch (PortFailureException e) {
                err.println("jakamo-connector: " + e.getMessage());
                err.println("  fix: run 'jakamo-connector doctor' to check the database (test messages are audited)");
                return ExitCodes.UNAVAILABLE;
            }
        }
    }
}
