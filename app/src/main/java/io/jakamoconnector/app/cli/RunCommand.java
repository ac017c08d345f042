package io.jakamoconnector.app.cli;

import ch.qos.logback.classic.Level;
import com.google.inject.Injector;
import io.jakamoconnector.app.config.ConfigurationException;
import io.jakamoconnector.app.config.ConnectorConfig;
import io.jakamoconnector.app.daemon.ConfigurationWatch;
import io.jakamoconnector.app.daemon.ConnectorService;
import io.jakamoconnector.app.daemon.HealthServer;
import io.jakamoconnector.app.daemon.NotificationDispatcher;
import io.jakamoconnector.app.daemon.OperatorConsole;
import io.jakamoconnector.app.daemon.RetentionRound;
import io.jakamoconnector.app.daemon.RetentionSchedule;
import io.jakamoconnector.app.daemon.ServiceLogging;
import io.jakamoconnector.app.daemon.TerminationSignals;
import io.jakamoconnector.app.daemon.TokenPrefetch;
import io.jakamoconnector.app.wiring.Lifecycle;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The long-running connector, as systemd (or a terminal) runs it: until SIGTERM or Ctrl-C. */
@Command(name = "run", mixinStandardHelpOptions = true, description = {"Runs the connector until stopped: per "
        + "integration it polls the Jakamo queue and sends what the ERP drops, on the configured intervals, and serves "
        + "/health/live, /health/ready and /metrics.", "Stops gracefully on SIGTERM or Ctrl-C (exit code 0): the current "
        + "step finishes, the queue leases are released, the stop is audited. Exit code 78 when the configuration "
        + "cannot be used, 69 when the database or a folder is unavailable at start."})
final class RunCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);
    /** How often the configuration file is compared with what the service loaded. */
    private static final int WATCH_SECONDS = 30;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RootCommand root = ServiceSession.root(spec);
        ConnectorConfig config;
        Optional<ConfigurationWatch> watch;
        try {
            watch = root.configFile().flatMap(ConfigurationWatch::of);   // the bytes before the load: a change after
            config = root.loadConfig();                                  // it is noticed, not missed
        } catch (ConfigurationException e) {
            err.println("jakamo-connector: " + e.getMessage());
            return ExitCodes.CONFIG;
        }
        ServiceLogging.apply(root.environment(), config.service().logFormat(), Level.INFO);
        config.database().ifPresent(database -> database.unverifiedTls().ifPresent(why -> LOG.warn("the connection "
                + "to the database server does not verify its certificate ({}); allowed by "
                + "database.allowUnverifiedTls: true. Whoever is on the network path can read and change it; add "
                + "sslmode=verify-full&sslrootcert=... to database.url and remove the key", why)));
        if (config.integrations().isEmpty()) {
            err.println("jakamo-connector: " + config.source() + " configures no integration, so there is nothing to "
                    + "run; add one (docs/configuration.md), or try 'jakamo-connector sandbox'");
            return ExitCodes.CONFIG;
        }
        Injector injector;
        try {
            injector = ServiceSession.injector(config);
        } catch (RuntimeException e) {
            return ServiceSession.startFailed(e, err);
        }
        CountDownLatch stopRequested = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Duration waitForStop = config.service().shutdownGrace().plusSeconds(30);
        TerminationSignals signals = TerminationSignals.install(stopRequested::countDown, () -> {
            try {
                stopped.await(waitForStop.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "configuration-watch");
            thread.setDaemon(true);
            return thread;
        });
        watch.ifPresent(w -> watcher.scheduleWithFixedDelay(w, WATCH_SECONDS, WATCH_SECONDS, TimeUnit.SECONDS));
        ConnectorService service = injector.getInstance(ConnectorService.class);
        HealthServer health = injector.getInstance(HealthServer.class);
        Lifecycle lifecycle = injector.getInstance(Lifecycle.class);
        TokenPrefetch prefetch = injector.getInstance(TokenPrefetch.class);
        injector.getInstance(NotificationDispatcher.class);   // in the lifecycle: tells people from committed events
        OperatorConsole console = injector.getInstance(OperatorConsole.class);
        RetentionSchedule retention = new RetentionSchedule(injector.getInstance(RetentionRound.class));
        try {
            try {
                // the first tokens while the database starts, not after it: their audit events wait in memory and
                // are written first when it is up; the loops, which use the tokens, start only after that
                prefetch.start();
                lifecycle.start();
                health.start();
                console.start();
                service.start();
                retention.start();
            } catch (RuntimeException e) {
                return ServiceSession.startFailed(e, err);
            }
            out.println("jakamo-connector running: " + config.integrations().size() + " integration(s) "
                    + config.integrations().stream().map(i -> i.name().value()).toList() + "; health "
                    + health.baseUri() + "/health/ready, metrics " + health.baseUri() + "/metrics; stop with SIGTERM "
                    + "or Ctrl-C");
            if (console.enabled()) {
                out.println("jakamo-connector console: " + console.url() + "/" + console.breakGlassFile()
                        .map(f -> "; break-glass sign-in token (one use) in " + f).orElse(""));
            }
            out.flush();
            stopRequested.await();
            return ExitCodes.OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.OK;
        } finally {
            watcher.shutdownNow();
            retention.close();
            prefetch.close();
            service.stop();
            console.close();
            health.close();
            try {
                lifecycle.close();
            } catch (RuntimeException e) {
                err.println("jakamo-connector: " + e.getMessage());
            }
            stopped.countDown();
            signals.done();
        }
    }
}
