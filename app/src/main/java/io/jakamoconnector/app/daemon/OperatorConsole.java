package io.jakamoconnector.app.daemon;

import io.jakamoconnector.adapter.console.ConsoleServer;
import io.jakamoconnector.adapter.console.ConsoleServices;
import io.jakamoconnector.adapter.console.ConsoleSettings;
import io.jakamoconnector.adapter.console.IntegrationStatus;
import io.jakamoconnector.app.config.ConsoleConfig;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The operator console as {@code run} serves it: started after the database (its pages read the state store), on
 * its own listener, closed before the database.
 */
public final class OperatorConsole implements AutoCloseable {
    /** What the overview needs of the running service, per integration. */
    public interface ServiceView {
        List<LoopStatus> loops();

        Optional<Instant> heldUntil(IntegrationName integration);

        Optional<Instant> tokenExpiry(IntegrationName integration);

        boolean running();
    }

    private final ConsoleConfig config;
    private final Supplier<ConsoleServices> services;
    private final List<IntegrationName> integrations;
    private final List<ConsoleSettings.ConfigLine> configuration;
    private final Clock clock;
    private ConsoleServer server;

    /**
     * @param services built when the console starts (after the database), given the status supplier for the overview
     */
    public OperatorConsole(ConsoleConfig config, Function<Supplier<List<IntegrationStatus>>, ConsoleServices> services,
                           ServiceView service, List<IntegrationName> integrations,
                           List<ConsoleSettings.ConfigLine> configuration, Clock clock) {
        this.config = config;
        this.integrations = List.copyOf(integrations);
        this.configuration = List.copyOf(configuration);
        this.clock = clock;
        this.services = () -> services.apply(() -> status(service));
    }

    public boolean enabled() {
        return config.enabled();
    }

    public synchronized void start() {
        if (!config.enabled() || server != null) {
            return;
        }
        ConsoleSettings settings = new ConsoleSettings(new InetSocketAddress(config.bind(), config.port()),
                config.limits().idleTimeout(), config.limits().maxConnections(), config.limits().maxThreads(),
                config.secureCookies(), config.sessionIdle(), config.sessionMaximum(), config.breakGlassFile(),
                clock.getZone(), configuration);
        server = ConsoleServer.start(settings, services.get(), clock);
    }

    /** What browsers open: {@code console.publicUrl}, else the listener's address. */
    public synchronized URI url() {
        return config.publicUrl(server == null ? config.port() : server.baseUri().getPort());
    }

    public synchronized Optional<Path> breakGlassFile() {
        return server == null ? Optional.empty() : server.breakGlassFile();
    }

    private List<IntegrationStatus> status(ServiceView service) {
        Instant now = clock.instant();
        List<LoopStatus> loops = service.loops();
        List<IntegrationStatus> all = new ArrayList<>();
        for (IntegrationName name : integrations) {
            Optional<Instant> held = service.heldUntil(name).filter(now::isBefore);
            Optional<LoopStatus> inbound = loops.stream().filter(l -> l.integration().equals(name)
                    && l.loop().equals("inbound")).findFirst();
            Optional<LoopStatus> outbound = loops.stream().filter(l -> l.integration().equals(name)
                    && l.loop().equals("outbound")).findFirst();
            String state = held.isPresent() ? "held" : service.running() ? "running" : "stopped";
            Optional<String> failure = inbound.flatMap(LoopStatus::lastFailure)
                    .or(() -> outbound.flatMap(LoopStatus::lastFailure));
            all.add(new IntegrationStatus(name.value(), state, held, service.tokenExpiry(name),
                    inbound.flatMap(LoopStatus::lastSuccess), outbound.flatMap(LoopStatus::lastSuccess), failure));
        }
        return all;
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
