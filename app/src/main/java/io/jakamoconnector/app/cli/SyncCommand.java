package io.jakamoconnector.app.cli;

import ch.qos.logback.classic.Level;
import com.google.inject.Injector;
import io.jakamoconnector.adapter.persistence.EmbeddedPostgresDatabase;
import io.jakamoconnector.app.config.ConfigurationException;
import io.jakamoconnector.app.config.ConnectorConfig;
import io.jakamoconnector.app.config.IntegrationConfig;
import io.jakamoconnector.app.daemon.OneShotSync;
import io.jakamoconnector.app.daemon.ServiceLogging;
import io.jakamoconnector.app.daemon.SyncSummary;
import io.jakamoconnector.app.daemon.TerminationSignals;
import io.jakamoconnector.app.wiring.Lifecycle;
import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.service.AuditWriter;
import io.jakamoconnector.domain.port.out.AuditTrailPort;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** One pass, for cron, a first test, or catching up: send what the ERP dropped, then fetch what Jakamo has. */
@Command(name = "sync", mixinStandardHelpOptions = true, description = {"Runs one pass and exits: picks up and sends "
        + "what the ERP handed over (to_jakamo for folders, the spool for the HTTP API), then drains the Jakamo queue "
        + "to the ERP side (under the queue lease: a running service's queue is left alone).", "Exit code 0 when "
        + "everything went through, 1 when something needs attention (refused, in doubt, deferred, quarantined, or a "
        + "step failed), 69 when the database or the ERP side is unavailable, 78 when the configuration cannot be "
        + "used."})
final class SyncCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--once", required = true, description = "One pass, then exit (required: the long-running "
            + "service is 'jakamo-connector run').")
    private boolean once;

    @Option(names = {"-i", "--integration"}, paramLabel = "NAME", description = "Only this integration (default: "
            + "all configured).")
    private String integration;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RootCommand root = ServiceSession.root(spec);
        ConnectorConfig config;
        try {
            config = root.loadConfig();
        } catch (ConfigurationException e) {
            err.println("jakamo-connector: " + e.getMessage());
            return ExitCodes.CONFIG;
        }
        ServiceLogging.apply(root.environment(), config.service().logFormat(), Level.WARN);
        List<IntegrationConfig> chosen = config.integrations().stream()
                .filter(i -> integration == null || i.name().value().equals(integration)).toList();
        if (chosen.isEmpty()) {
            List<String> names = config.integrations().stream().map(i -> i.name().value()).toList();
            err.println("jakamo-connector: " + (integration == null ? "no integration is configured"
                    : "no integration named '" + integration + "'") + "; configured: " + names);
            return integration == null ? ExitCodes.CONFIG : ExitCodes.USAGE;
        }
        Injector injector;
        try {
            injector = ServiceSession.injector(config, EmbeddedPostgresDatabase.Sharing.USE_RUNNING_OR_START);
        } catch (RuntimeException e) {
            return ServiceSession.startFailed(e, err);
        }
        CountDownLatch stopRequested = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        TerminationSignals signals = TerminationSignals.install(stopRequested::countDown, () -> {
            try {
                stopped.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try (Lifecycle lifecycle = injector.getInstance(Lifecycle.class)) {
            try {
                lifecycle.start();
            } catch (RuntimeException e) {
                return ServiceSession.startFailed(e, err);
            }
            ProgressLine progress = new ProgressLine(out, System.console() != null, System::nanoTime);
            SyncSummary summary = injector.getInstance(OneShotSync.class).run(chosen, progress,
                    () -> stopRequested.getCount() == 0);
            int code = summary.ok() ? ExitCodes.OK : ExitCodes.PROBLEMS;
            out.println(summaryLine(summary));
            out.flush();
            new AuditWriter(injector.getInstance(AuditTrailPort.class), Clock.systemUTC(), config.node(),
                    Operator.name()).write(AuditEvent.builder(AuditAction.OPERATOR_ACTION,
                    code == ExitCodes.OK ? AuditOutcome.OK : AuditOutcome.FAIL).reason("sync --once"
                    + (integration == null ? "" : " --integration " + integration) + ": " + summaryLine(summary)
                    + " (exit code " + code + ")"));
            return code;
        } catch (RuntimeException e) {
            return ServiceSession.startFailed(e, err);
        } finally {
            stopped.countDown();
            signals.done();
        }
    }

    static String summaryLine(SyncSummary summary) {
        int sent = 0;
        int received = 0;
        int attention = 0;
        for (SyncSummary.Integration i : summary.integrations()) {
            sent += i.sent().sent();
            received += i.received().delivered();
            attention += i.ok() ? 0 : 1;
        }
        return (summary.ok() ? "sync done" : summary.stoppedEarly() ? "sync stopped early" : "sync done with problems")
                + ": " + summary.integrations().size() + " integration(s), " + sent + " document(s) sent, " + received
                + " delivered to the ERP, in " + summary.millis() + " ms"
                + (attention > 0 ? "; " + attention + " integration(s) need attention (see above)" : "");
    }
}
