package io.jakamoconnector.app.cli;

import io.jakamoconnector.app.config.ConfigLoader;
import io.jakamoconnector.app.config.ConnectorConfig;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "jakamo-connector", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Connects an ERP to Jakamo: purchase orders, order responses, sales orders and claims, "
                + "with a tamper-evident audit trail.",
        subcommands = {DoctorCommand.class, TokenCommand.class, MessagesCommand.class, AuditCommand.class,
                ValidateCommand.class,
                SandboxCommand.class, RunCommand.class, SyncCommand.class, DemoCommand.class, NotifyCommand.class,
                DbCommand.class, RetentionCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Configuration: --config FILE, else $" + ConfigLoader.CONFIG_ENV
                + ", else ./jakamo-connector.yml, else built-in defaults (see docs/configuration.md)."})
public final class RootCommand implements Runnable {
    private final Map<String, String> environment;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", scope = CommandLine.ScopeType.INHERIT,
            description = "The configuration file (default: $" + ConfigLoader.CONFIG_ENV + " or ./jakamo-connector.yml).")
    private Path config;

    RootCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    /** The command line with its I/O and environment given, so tests can run it in-process. */
    public static CommandLine commandLine(Map<String, String> environment, PrintStream out, PrintStream err) {
        RootCommand root = new RootCommand(environment);
        CommandLine cl = new CommandLine(root, new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                if (cls == DoctorCommand.class) {
                    return cls.cast(new DoctorCommand(root));
                }
                return CommandLine.defaultFactory().create(cls);
            }
        });
        cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cl.setExecutionExceptionHandler(Main.errors());
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    Map<String, String> environment() {
        return environment;
    }

    /** The configuration file {@link #loadConfig} reads, if any. */
    Optional<Path> configFile() {
        return new ConfigLoader(environment, Path.of("").toAbsolutePath()).locate(Optional.ofNullable(config));
    }

    /** Loads the configuration the way every command does. */
    ConnectorConfig loadConfig() {
        return new ConfigLoader(environment, Path.of("").toAbsolutePath()).load(Optional.ofNullable(config));
    }
}
