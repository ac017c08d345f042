package io.jakamoconnector.app.cli;

import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;
import io.jakamoconnector.adapter.auth.MsalAccessTokenAdapter;
import io.jakamoconnector.adapter.auth.TokenDescription;
import io.jakamoconnector.adapter.auth.TokenRegistration;
import io.jakamoconnector.app.config.ConfigurationException;
import io.jakamoconnector.app.config.ConnectorConfig;
import io.jakamoconnector.app.config.IntegrationConfig;
import io.jakamoconnector.app.wiring.AuthModule;
import io.jakamoconnector.app.wiring.Composition;
import io.jakamoconnector.app.wiring.Injectors;
import io.jakamoconnector.app.wiring.Lifecycle;
import io.jakamoconnector.domain.model.auth.AccessToken;
import io.jakamoconnector.domain.port.out.AccessTokenUnavailableException;
import io.jakamoconnector.domain.port.out.PortFailureException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What the seed's Postman step does, for one integration: gets a token with its app registration and shows what it
 * grants. The token itself is shown only when asked for; its use is audited either way.
 */
@Command(name = "token", mixinStandardHelpOptions = true, description = {"Gets an access token for an integration's "
        + "app registration and prints its expiry, audience, roles and fingerprint.", "Exit code 0 when a usable token "
        + "came, 1 when Entra ID refused or the token lacks what Jakamo needs, 69 when the service could not be reached."})
final class TokenCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = {"-i", "--integration"}, paramLabel = "NAME", description = "The integration (default: the only "
            + "one configured).")
    private String integration;

    @Option(names = "--show-token", description = "Also print the token itself (it is a bearer credential: whoever "
            + "holds it can call Jakamo until it expires).")
    private boolean showToken;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ConnectorConfig config;
        try {
            config = root().loadConfig();
        } catch (ConfigurationException e) {
            err.println("jakamo-connector: " + e.getMessage());
            return ExitCodes.CONFIG;
        }
        Optional<IntegrationConfig> chosen = choose(config, err);
        if (chosen.isEmpty()) {
            return ExitCodes.USAGE;
        }
        IntegrationConfig target = chosen.get();
        List<Module> modules = new ArrayList<>(List.of(Composition.storage(config, Clock.systemUTC())));
        modules.add(new AuthModule());
        Injector injector = Injectors.strict(Stage.PRODUCTION, modules.toArray(Module[]::new));
        MsalAccessTokenAdapter tokens = injector.getInstance(MsalAccessTokenAdapter.class);
        try (Lifecycle lifecycle = injector.getInstance(Lifecycle.class)) {
            lifecycle.start();
            AccessToken token = tokens.token(target.name());
            TokenDescription description = TokenDescription.of(token);
            TokenRegistration registration = tokens.registration(target.name());
            print(out, target, token, description);
            List<String> warnings = description.warnings(registration);
            warnings.forEach(w -> out.println("warning: " + w));
            if (showToken) {
                out.println();
                out.println(token.value());
            }
            return warnings.isEmpty() ? ExitCodes.OK : ExitCodes.PROBLEMS;
        } catch (AccessTokenUnavailableException e) {
            err.println("jakamo-connector: " + e.getMessage());
            if (e.remoteCorrelationId() != null) {
                err.println("  Entra correlation id (for a support request): " + e.remoteCorrelationId());
            }
            return e.retryable() ? ExitCodes.UNAVAILABLE : ExitCodes.PROBLEMS;
        } catch (ConfigurationException | PortFailureException e) {
            err.println("jakamo-connector: " + e.getMessage());
            return e instanceof ConfigurationException ? ExitCodes.CONFIG : ExitCodes.UNAVAILABLE;
        }
    }

    private Optional<IntegrationConfig> choose(ConnectorConfig config, PrintWriter err) {
        List<String> names = config.integrations().stream().map(i -> i.name().value()).toList();
        if (integration == null && names.size() == 1) {
            return Optional.of(config.integrations().get(0));
        }
        if (integration == null) {
            err.println("jakamo-connector: say which integration with --integration NAME; configured: "
                    + (names.isEmpty() ? "none (add one to the configuration, see docs/configuration.md)" : names));
            return Optional.empty();
        }
        Optional<IntegrationConfig> found = config.integrations().stream()
                .filter(i -> i.name().value().equals(integration)).findFirst();
        if (found.isEmpty()) {
            err.println("jakamo-connector: no integration named '" + integration + "'; configured: " + names);
        }
        return found;
    }

    private static void print(PrintWriter out, IntegrationConfig target, AccessToken token,
                              TokenDescription description) {
        Instant now = Instant.now();
        out.printf("integration   %s (%s, %s environment)%n", target.name(), target.kind().configName(),
                target.environment().name());
        out.printf("client id     %s%n", target.clientId());
        out.printf("fingerprint   %s%n", token.fingerprint());
        out.printf("expires       %s (in %s)%n", token.expiresAt(), human(Duration.between(now, token.expiresAt())));
        out.printf("refreshed at  %s%n", token.refreshAt());
        out.printf("audience      %s%n", description.audience().isEmpty() ? "(none)" : String.join(", ",
                description.audience()));
        out.printf("roles         %s%n", description.roles().isEmpty() ? "(none)" : String.join(", ",
                description.roles()));
        out.printf("tenant        %s%n", description.tenantId() == null ? "(not stated)" : description.tenantId());
        description.clockSkew().ifPresent(skew -> out.printf("clock skew    %d s against the token service%n",
                skew.toSeconds()));
    }

    private static String human(Duration d) {
        long minutes = Math.max(0, d.toMinutes());
        return minutes >= 60 ? minutes / 60 + " h " + minutes % 60 + " min" : minutes + " min";
    }

    private RootCommand root() {
        CommandLine.Model.CommandSpec s = spec;
        while (s.parent() != null) {
            s = s.parent();
        }
        return (RootCommand) s.userObject();
    }
}
