package io.jakamoconnector.app.cli;

import static org.awaitility.Awaitility.await;

import io.jakamoconnector.sandbox.AppSpec;
import io.jakamoconnector.sandbox.ConnectorConfigFiles;
import io.jakamoconnector.sandbox.Journal;
import io.jakamoconnector.sandbox.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/** The sandbox with one purchase-orders integration, {@code orders}, and the connector's configuration for it. */
public final class SandboxBed implements AutoCloseable {
    public static final String ORDERS = "orders";

    public final Sandbox sandbox = Sandbox.builder().start();
    public final ConnectorConfigFiles files;

    /** {@code extraYaml} is appended to the configuration the sandbox writes (polling, health, database keys). */
    public SandboxBed(Path dir, String extraYaml) throws IOException {
        sandbox.registerApp(AppSpec.orders("erp-orders").integration(ORDERS));
        files = sandbox.writeConnectorConfig(dir);
        Files.writeString(files.configFile(), Files.readString(files.configFile()) + "\n" + extraYaml);
    }

    public Path folder(String name) {
        return files.folderRoots().get(ORDERS).resolve(name);
    }

    /** An ERP drops an Order: written under a hidden name, then renamed in, as careful writers do. */
    public void dropOrder(String number) throws IOException {
        Path toJakamo = Files.createDirectories(folder("to_jakamo"));
        Path temp = toJakamo.resolve(".po-" + number + ".xml.part");
        Files.writeString(temp, io.jakamoconnector.domain.testing.Documents.order(number));
        Files.move(temp, toJakamo.resolve("po-" + number + ".xml"));
    }

    public List<Path> files(String folder) throws IOException {
        Path dir = folder(folder);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** Hidden temp files anywhere under the ERP folders: a half-written delivery would leave one. */
    public List<Path> tempFiles() throws IOException {
        try (Stream<Path> all = Files.walk(files.folderRoots().get(ORDERS))) {
            return all.filter(p -> p.getFileName().toString().startsWith(".")
                    && p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    /** The journal once it has caught up (the sandbox records a request after answering it). */
    public Journal journal() throws InterruptedException {
        long[] seenAndSince = {sandbox.journal().requests().size(), System.nanoTime()};
        await("the sandbox's journal to stop growing for 50 ms").atMost(Duration.ofSeconds(5))
                .pollInSameThread().pollDelay(Duration.ofMillis(10)).pollInterval(Duration.ofMillis(10)).until(() -> {
                    int now = sandbox.journal().requests().size();
                    if (now != seenAndSince[0]) {
                        seenAndSince[0] = now;
                        seenAndSince[1] = System.nanoTime();
                    }
                    return System.nanoTime() - seenAndSince[1] >= Duration.ofMillis(50).toNanos();
                });
        return sandbox.journal();
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
