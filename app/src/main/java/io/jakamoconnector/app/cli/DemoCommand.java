package io.jakamoconnector.app.cli;

import com.google.inject.Injector;
import io.jakamoconnector.app.config.ConfigLoader;
import io.jakamoconnector.app.config.ConfigurationException;
import io.jakamoconnector.app.config.ConnectorConfig;
import io.jakamoconnector.app.daemon.ConnectorService;
import io.jakamoconnector.app.wiring.Lifecycle;
import io.jakamoconnector.app.wiring.PersistenceResource;
import io.jakamoconnector.domain.model.audit.AuditVerification;
import io.jakamoconnector.domain.model.sync.InboundQuery;
import io.jakamoconnector.domain.model.sync.InboundRecord;
import io.jakamoconnector.domain.model.sync.OutboundQuery;
import io.jakamoconnector.domain.model.sync.OutboundRecord;
import io.jakamoconnector.domain.model.sync.OutboundState;
import io.jakamoconnector.sandbox.Sandbox;
import io.jakamoconnector.sandbox.StandaloneSandbox;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The whole connector in a minute on this machine alone: the sandbox plays Entra ID, Jakamo and a supplier, the
 * embedded PostgreSQL keeps the state, two integrations (orders and claims, two app registrations) exchange sample
 * documents through their ERP folders, and the summary accounts for every document.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, description = {"Runs the connector against the local "
        + "sandbox: drops sample Orders and a Claim into the ERP folders, runs the service until the simulated "
        + "supplier's answers are back in from_jakamo, and prints what happened.", "Needs nothing but the JDK. Exit code "
        + "0 when every document is accounted for and the audit trail verifies."})
final class DemoCommand implements Callable<Integer> {
    private static final String UBL = "xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Order-2\" "
            + "xmlns:cbc=\"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2\" "
            + "xmlns:cac=\"urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2\"";

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "demo", description = "Where the sandbox's files, the "
            + "ERP folders and the database go (default: ./demo; a new run starts it afresh).")
    private Path dir;

    @Option(names = "--orders", defaultValue = "3", description = "How many sample Orders to send (default: 3).")
    private int orders;

    @Option(names = "--timeout", defaultValue = "50", paramLabel = "SECONDS",
            description = "How long to wait for the answers (default: 50).")
    private int timeoutSeconds;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (orders < 1 || orders > 1000) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--orders: must be 1 to 1000");
        }
        long begun = System.nanoTime();
        Path base = dir.toAbsolutePath().normalize();
        clean(base);
        try (StandaloneSandbox sandbox = Sandbox.startStandalone(base.resolve("sandbox"), 0, 0)) {
            sandbox.sandbox().jakamo().supplierDelay(Duration.ofSeconds(1));
            Path configFile = sandbox.files().configFile();
            Files.writeString(configFile, Files.readString(configFile) + "\n# demo: poll every second\npolling:\n"
                    + "  inboundSeconds: 1\n  outboundSeconds: 1\nhealth:\n  port: 0\n", StandardCharsets.UTF_8);
            out.println("sandbox   Entra ID " + sandbox.sandbox().entraBaseUri() + ", Jakamo " + sandbox.sandbox()
                    .apiBaseUri() + ", two app registrations (orders, claims)");
            ConnectorConfig config;
            try {
                config = new ConfigLoader(ServiceSession.root(spec).environment(), base).load(Optional.of(configFile));
            } catch (ConfigurationException e) {
                err.println("jakamo-connector: " + e.getMessage());
                return ExitCodes.SOFTWARE;
            }
            config.integrations().forEach(i -> out.println("ERP side  " + i.name() + ": " + i.erp().describe()));
            Path ordersRoot = sandbox.files().folderRoots().get("orders");
            Path claimsRoot = sandbox.files().folderRoots().get("claims");
            for (int i = 1; i <= orders; i++) {
                drop(ordersRoot.resolve("to_jakamo"), "PO-DEMO-" + i + ".xml", order("PO-DEMO-" + i, i));
            }
            drop(claimsRoot.resolve("to_jakamo"), "CL-DEMO-1.xml", claim("CL-DEMO-1", "PO-DEMO-1"));
            out.println("ERP       dropped " + orders + " Order(s) into " + ordersRoot.resolve("to_jakamo")
                    + " and 1 Claim into " + claimsRoot.resolve("to_jakamo"));
            return runService(config, out, err, ordersRoot, claimsRoot, begun);
        }
    }

    private int runService(ConnectorConfig config, PrintWriter out, PrintWriter err, Path ordersRoot, Path claimsRoot,
                           long begun) throws IOException, InterruptedException {
        Injector injector;
        try {
            injector = ServiceSession.injector(config);
        } catch (RuntimeException e) {
            return ServiceSession.startFailed(e, err);
        }
        ConnectorService service = injector.getInstance(ConnectorService.class);
        PersistenceResource persistence = injector.getInstance(PersistenceResource.class);
        try (Lifecycle lifecycle = injector.getInstance(Lifecycle.class)) {
            try {
                lifecycle.start();
                service.start();
            } catch (RuntimeException e) {
                return ServiceSession.startFailed(e, err);
            }
            out.println("connector running (embedded PostgreSQL in " + config.embeddedDatabaseDirectory() + ")");
            long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
            int responses = 0;
            int claimReplies = 0;
            while (System.nanoTime() < deadline) {
                responses = count(ordersRoot.resolve("from_jakamo"), "OrderResponse-");
                claimReplies = count(claimsRoot.resolve("from_jakamo"), "ClaimResponse-");
                if (responses >= orders && claimReplies >= 1) {
                    break;
                }
                Thread.sleep(250);
            }
            service.stop();

            List<OutboundRecord> documents = persistence.messageQueries().listOutbound(OutboundQuery.newest(1000));
            List<InboundRecord> messages = persistence.messageQueries().listInbound(InboundQuery.newest(1000));
            long sent = documents.stream().filter(d -> d.state() == OutboundState.SENT).count();
            long unsent = orders + 1 - sent;
            long acknowledged = messages.stream().filter(m -> m.state().acknowledged()).count();
            long missingAnswers = Math.max(0, orders - responses) + Math.max(0, 1 - claimReplies);
            persistence.checkpointNow();   // as the schedule and the stop would: what the demo wrote is signed
            AuditVerification audit = persistence.auditTrail().verify();
            long events = audit instanceof AuditVerification.Intact intact ? intact.events() : -1;
            long checkpoints = audit instanceof AuditVerification.Intact intact ? intact.checkpoints() : 0;
            double seconds = (System.nanoTime() - begun) / 1e9;

            out.println();
            out.printf("documents sent     %d of %d (%d Order(s), 1 Claim)%n", sent, orders + 1, orders);
            out.printf("answers received   %d OrderResponse(s), %d ClaimResponse(s); %d message(s) acknowledged%n",
                    responses, claimReplies, acknowledged);
            out.printf("lost: %d%n", unsent + missingAnswers);
            out.printf("audit events       %d; signed checkpoints %d; audit verify: %s%n", events, checkpoints,
                    audit instanceof AuditVerification.Intact ? "intact" : "BROKEN " + audit);
            out.println("audit anchor       " + config.auditAnchorFile());
            out.printf("took               %.1f s%n", seconds);
            out.println();
            out.println("files     " + ordersRoot + "  (to_jakamo, from_jakamo, processed, failed)");
            out.println("          " + claimsRoot);
            out.println("database  " + config.embeddedDatabaseDirectory());
            String cfg = "--config " + config.source().replaceAll(" \\(.*\\)$", "");
            out.println("go on     jakamo-connector " + cfg + " messages list");
            out.println("          jakamo-connector " + cfg + " audit export --output audit.jsonl");
            out.flush();
            boolean allAccountedFor = unsent == 0 && missingAnswers == 0 && events > 0 && checkpoints > 0;
            return allAccountedFor ? ExitCodes.OK : ExitCodes.PROBLEMS;
        }
    }

    /** A fresh run: the previous demo's files and database are removed (only what the demo itself made). */
    private static void clean(Path base) throws IOException {
        Path sandboxDir = base.resolve("sandbox");
        if (!Files.exists(sandboxDir)) {
            return;
        }
        if (!Files.exists(sandboxDir.resolve("jakamo-connector.yml"))) {
            throw new IOException(sandboxDir + " exists but is not a demo directory; choose another with --dir");
        }
        try (Stream<Path> all = Files.walk(sandboxDir)) {
            for (Path p : all.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** As a careful ERP writes: under a hidden name, then renamed in, then marked done. */
    private static void drop(Path folder, String name, String xml) throws IOException {
        Files.createDirectories(folder);
        Path temp = folder.resolve("." + name + ".part");
        Files.writeString(temp, xml, StandardCharsets.UTF_8);
        Files.move(temp, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        Files.writeString(folder.resolve(name + ".done"), "");
    }

    private static int count(Path folder, String prefix) throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return (int) files.filter(p -> p.getFileName().toString().startsWith(prefix)).count();
        }
    }

    static String order(String number, int lines) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Order " + UBL + ">\n"
                + "  <cbc:UBLVersionID>2.1</cbc:UBLVersionID>\n  <cbc:CustomizationID>Jakamo</cbc:CustomizationID>\n"
                + "  <cbc:ID>" + number + "</cbc:ID>\n  <cbc:IssueDate>2026-11-29</cbc:IssueDate>\n"
                + "  <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>\n"
                + "  <cac:BuyerCustomerParty><cac:Party><cac:PartyIdentification><cbc:ID>DEMO-BUYER</cbc:ID>"
                + "</cac:PartyIdentification></cac:Party></cac:BuyerCustomerParty>\n"
                + "  <cac:SellerSupplierParty><cac:Party><cac:PartyIdentification><cbc:ID>DEMO-SUPPLIER</cbc:ID>"
                + "</cac:PartyIdentification></cac:Party></cac:SellerSupplierParty>\n");
        for (int line = 1; line <= lines; line++) {
            sb.append("  <cac:OrderLine><cac:LineItem><cbc:ID>").append(line).append("</cbc:ID>")
                    .append("<cbc:Quantity unitCode=\"PCE\">").append(10 * line).append("</cbc:Quantity>")
                    .append("<cac:Delivery><cac:RequestedDeliveryPeriod><cbc:EndDate>2026-12-20</cbc:EndDate>")
                    .append("</cac:RequestedDeliveryPeriod></cac:Delivery>")
                    .append("<cac:Item><cbc:Name>Demo part ").append(line).append("</cbc:Name></cac:Item>")
                    .append("</cac:LineItem></cac:OrderLine>\n");
        }
        return sb.append("</Order>\n").toString();
    }

    static String claim(String number, String order) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Claim>\n  <ID>" + number + "</ID>\n  <OrderID>" + order
                + "</OrderID>\n  <Description>Two pieces arrived damaged.</Description>\n</Claim>\n";
    }
}
