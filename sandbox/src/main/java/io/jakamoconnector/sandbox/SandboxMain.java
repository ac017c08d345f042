package io.jakamoconnector.sandbox;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the sandbox on its own until killed: {@code java -cp … io.jakamoconnector.sandbox.SandboxMain --dir ./sandbox}.
 * The sandbox's command-line entry point, so it prints to standard output (it is its own CLI).
 */
public final class SandboxMain {
    static final int DEFAULT_ENTRA_PORT = 48443;
    static final int DEFAULT_API_PORT = 48444;

    private SandboxMain() {
    }

    public static void main(String[] args) throws Exception {
        long startNanos = System.nanoTime();
        PrintStream out = System.out;
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("sandbox: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        if (options.help) {
            out.println(Options.USAGE);
            return;
        }
        StandaloneSandbox standalone = Sandbox.startStandalone(options.dir, options.entraPort, options.apiPort);
        Sandbox sandbox = standalone.sandbox();
        sandbox.jakamo().supplierDelay(options.supplierDelay).supplierReply(options.supplierReply)
                .emptyQueueAnswer(options.emptyQueue);
        sandbox.apiLatency(options.apiLatency);
        Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close, "sandbox-shutdown"));
        long startedMs = (System.nanoTime() - startNanos) / 1_000_000;
        print(out, standalone, options);
        out.printf(Locale.ROOT, "Ready: sandbox started in %d ms. Stop it with Ctrl-C.%n", startedMs);
        out.flush();
        new CountDownLatch(1).await();
    }

    private static void print(PrintStream out, StandaloneSandbox standalone, Options options) {
        Sandbox sandbox = standalone.sandbox();
        ConnectorConfigFiles files = standalone.files();
        out.println("jakamo-connector sandbox");
        out.println("  fake Entra ID    " + sandbox.entraBaseUri() + "   tenant " + sandbox.tenantId());
        out.println("    authority      " + sandbox.authority());
        out.println("    scope          " + sandbox.scope());
        out.println("  fake Jakamo API  " + sandbox.apiBaseUri());
        out.println("    control API    " + sandbox.apiBaseUri() + "/_sandbox/");
        for (AppRegistration app : standalone.apps()) {
            out.println("  app " + pad(app.displayName(), 12) + " clientId " + app.clientId() + " -> integration "
                    + app.integration() + ", roles " + String.join(", ", app.roles()));
        }
        out.println("Wrote");
        out.println("  " + files.caCertificate() + "   (trust it for the sandbox only)");
        files.secretFiles().values().stream().sorted().forEach(f -> out.println("  " + f + "   (mode 600)"));
        out.println("  " + files.configFile() + "   (ready-to-use connector configuration)");
        Path ordersRoot = files.folderRoots().get("orders");
        if (ordersRoot != null) {
            out.println("Drop an Order into " + ordersRoot.resolve("to_jakamo") + "; the simulated supplier answers with an"
                    + " OrderResponse after " + options.supplierDelay.toSeconds() + " s (" + options.supplierReply + ").");
        }
        out.println("Look inside: curl --cacert " + files.caCertificate() + " " + sandbox.apiBaseUri() + "/_sandbox/journal");
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

    static final class Options {
        static final String USAGE = String.join("\n",
                "usage: SandboxMain [--dir DIR] [--entra-port N] [--api-port N] [--supplier-delay SECONDS]",
                "                   [--supplier-reply confirm|change-quantity|change-date|none] [--empty-queue 200|204|404]",
                "                   [--api-latency-ms N]",
                "  --dir             where to write sandbox-ca.pem, <integration>.secret and jakamo-connector.yml (default ./sandbox)",
                "  --entra-port      port of the fake Entra ID (default " + DEFAULT_ENTRA_PORT + "; 0 = any free port)",
                "  --api-port        port of the fake Jakamo API (default " + DEFAULT_API_PORT + "; 0 = any free port)",
                "  --supplier-delay  seconds before the simulated supplier answers an Order (default 3)",
                "  --supplier-reply  how it answers (default confirm)",
                "  --empty-queue     status of the empty-queue answer (default 200 with a <status> body)",
                "  --api-latency-ms  every Jakamo API call answered that much later, a WAN round trip (default 0)");

        Path dir = Path.of("sandbox");
        int entraPort = DEFAULT_ENTRA_PORT;
        int apiPort = DEFAULT_API_PORT;
        Duration supplierDelay = Duration.ofSeconds(3);
        SupplierReply supplierReply = SupplierReply.CONFIRM_AS_IS;
        EmptyQueueAnswer emptyQueue = EmptyQueueAnswer.STATUS_BODY_200;
        Duration apiLatency = Duration.ZERO;
        boolean help;

        static Options parse(String[] args) {
            Options options = new Options();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--help") || arg.equals("-h")) {
                    options.help = true;
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value after " + arg);
                }
                String value = args[++i];
                switch (arg) {
                    case "--dir" -> options.dir = Path.of(value);
                    case "--entra-port" -> options.entraPort = port(value);
                    case "--api-port" -> options.apiPort = port(value);
                    case "--supplier-delay" -> options.supplierDelay = Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
                    case "--supplier-reply" -> options.supplierReply = switch (value) {
                        case "confirm" -> SupplierReply.CONFIRM_AS_IS;
                        case "change-quantity" -> SupplierReply.CHANGE_QUANTITY;
                        case "change-date" -> SupplierReply.CHANGE_DELIVERY_DATE;
                        case "none" -> SupplierReply.NONE;
                        default -> throw new IllegalArgumentException("--supplier-reply: confirm, change-quantity, change-date or none");
                    };
                    case "--empty-queue" -> options.emptyQueue = switch (value) {
                        case "200" -> EmptyQueueAnswer.STATUS_BODY_200;
                        case "204" -> EmptyQueueAnswer.NO_CONTENT_204;
                        case "404" -> EmptyQueueAnswer.NOT_FOUND_404;
                        default -> throw new IllegalArgumentException("--empty-queue: 200, 204 or 404");
                    };
                    case "--api-latency-ms" -> {
                        long millis = Long.parseLong(value);
                        if (millis < 0) {
                            throw new IllegalArgumentException("--api-latency-ms: 0 or more, not " + value);
                        }
                        options.apiLatency = Duration.ofMillis(millis);
                    }
                    default -> throw new IllegalArgumentException("unknown option " + arg);
                }
            }
            return options;
        }

        private static int port(String value) {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port: 0-65535, not " + value);
            }
            return port;
        }
    }
}
