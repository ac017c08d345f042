package io.jakamoconnector.app.cli;

import com.google.inject.CreationException;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import com.google.inject.Stage;
import com.google.inject.spi.Message;
import io.jakamoconnector.adapter.persistence.EmbeddedPostgresDatabase;
import io.jakamoconnector.app.config.ConfigurationException;
import io.jakamoconnector.app.config.ConnectorConfig;
import io.jakamoconnector.app.wiring.Composition;
import io.jakamoconnector.app.wiring.Injectors;
import io.jakamoconnector.domain.port.out.AccessTokenUnavailableException;
import io.jakamoconnector.domain.port.out.ErpAccessException;
import io.jakamoconnector.domain.port.out.PortFailureException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Clock;

/** What {@code run} and {@code sync} share: the full injector, and failures at start-up turned into exit codes. */
final class ServiceSession {
    private ServiceSession() {
    }

    /** The one strict injector with every adapter; a provider's refusal is a configuration problem. */
    static Injector injector(ConnectorConfig config) {
        return injector(config, EmbeddedPostgresDatabase.Sharing.SERVE);
    }

    /** The same, with the embedded database served by this process or used from a running connector. */
    static Injector injector(ConnectorConfig config, EmbeddedPostgresDatabase.Sharing sharing) {
        try {
            return Injectors.strict(Stage.PRODUCTION, Composition.service(config, Clock.systemUTC(), sharing));
        } catch (CreationException e) {
            throw unwrap(e.getErrorMessages(), e);
        } catch (ProvisionException e) {
            throw unwrap(e.getErrorMessages(), e);
        }
    }

    private static RuntimeException unwrap(java.util.Collection<Message> messages, RuntimeException e) {
        for (Message message : messages) {
            Throwable cause = message.getCause();
            while (cause != null) {
                if (cause instanceof ConfigurationException config) {
                    return config;
                }
                if (cause instanceof IllegalArgumentException bad) {
                    return new ConfigurationException("(configuration)", java.util.List.of(bad.getMessage()));
                }
                cause = cause.getCause();
            }
        }
        return e;
    }

    /** Prints why start-up failed and what to do; returns the exit code. */
    static int startFailed(RuntimeException e, PrintWriter err) {
        if (e instanceof ConfigurationException) {
            err.println("jakamo-connector: " + e.getMessage());
            return ExitCodes.CONFIG;
        }
        if (e instanceof AccessTokenUnavailableException token) {
            err.println("jakamo-connector: " + token.getMessage());
            err.println("  fix: see the message; 'jakamo-connector token --integration "
                    + token.integration() + "' tries the credential on its own");
            return token.retryable() ? ExitCodes.UNAVAILABLE : ExitCodes.CONFIG;
        }
        if (e instanceof ErpAccessException erp) {
            err.println("jakamo-connector: " + erp.getMessage());
            return erp.retryable() ? ExitCodes.UNAVAILABLE : ExitCodes.CONFIG;
        }
        if (e instanceof PortFailureException port) {
            err.println("jakamo-connector: " + port.getMessage());
            err.println("  fix: run 'jakamo-connector doctor' to check the database and the folders");
            return ExitCodes.UNAVAILABLE;
        }
        if (e instanceof UncheckedIOException io) {
            err.println("jakamo-connector: " + io.getMessage());
            return ExitCodes.UNAVAILABLE;
        }
        throw e;
    }

    static RootCommand root(picocli.CommandLine.Model.CommandSpec spec) {
        picocli.CommandLine.Model.CommandSpec s = spec;
        while (s.parent() != null) {
            s = s.parent();
        }
        return (RootCommand) s.userObject();
    }
}
