package io.jakamoconnector.adapter.erpfolder;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.domain.model.document.Sha256;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.ArchiveVerdict;
import io.jakamoconnector.domain.port.out.ErpFile;
import io.jakamoconnector.domain.testing.Pause;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Camel's FileChangedReadLockTest and our T4.2, in real time: files written in place in 20 chunks of 10 KB, 150 ms
 * apart (about 3 s each), while the outbox is polled every 50 ms with the default stable time. Every file must be
 * offered exactly once, complete, never a prefix.
 */
class SlowWriterIT {
    private static final IntegrationName ORDERS = new IntegrationName("orders");
    private static final int CHUNKS = 20;
    private static final int CHUNK_BYTES = 10 * 1024;
    private static final long PAUSE_MILLIS = 150;
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    @TempDir
    Path base;

    @Test
    void slow_writers_files_are_offered_once_and_complete() throws Exception {
        ErpFolderTrees trees = new ErpFolderTrees(Map.of(ORDERS, ErpFolders.under(base.resolve("orders"))),
                Clock.systemUTC());
        trees.start();
        ErpFolders folders = trees.folders(ORDERS);
        FileSystemErpOutboxAdapter outbox = new FileSystemErpOutboxAdapter(trees, ErpOutboxSettings.defaults(),
                Clock.systemUTC());

        List<Path> targets = List.of(folders.toJakamoDir().resolve("po-1.xml"),
                folders.toJakamoDir().resolve("po-2.xml"), folders.toJakamoDir().resolve("po-3.xml"),
                folders.attachmentsDir().resolve("PO3_scan.pdf"), folders.attachmentsDir().resolve("PO3_photo.jpg"));
        Map<String, String> expectedSha = new ConcurrentHashMap<>();
        ExecutorService writers = Executors.newFixedThreadPool(targets.size());
        List<Future<?>> writing = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            Path target = targets.get(i);
            long seed = i;
            writing.add(writers.submit(() -> expectedSha.put(target.getFileName().toString(), write(target, seed))));
        }

        List<ErpFile> offered = new CopyOnWriteArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (offered.size() < targets.size() && System.nanoTime() < deadline) {
            for (ErpFile file : outbox.pickUp(ORDERS, 100)) {
                offered.add(file);
                outbox.archive(ORDERS, file.ref(), new ArchiveVerdict.Processed());
            }
            Pause.slowPeer(POLL_INTERVAL, "the connector polls at an interval while the ERP is still writing");
        }
        for (Future<?> f : writing) {
            f.get();
        }
        writers.shutdown();
        // a few more polls: nothing may come twice
        for (int i = 0; i < 5; i++) {
            offered.addAll(outbox.pickUp(ORDERS, 100));
            Pause.slowPeer(POLL_INTERVAL, "the connector polls at an interval");
        }

        assertThat(offered).extracting(ErpFile::fileName)
                .containsExactlyInAnyOrder("po-1.xml", "po-2.xml", "po-3.xml", "PO3_scan.pdf", "PO3_photo.jpg");
        for (ErpFile file : offered) {
            assertThat(file.bytes()).as(file.fileName()).hasSize(CHUNKS * CHUNK_BYTES);
            assertThat(Sha256.of(file.bytes()).hex()).as(file.fileName()).isEqualTo(expectedSha.get(file.fileName()));
        }
        assertThat(Drops.names(folders.processedDir())).hasSize(targets.size());
        for (ErpFile file : offered) {
            Path archived = folders.processedDir().resolve(file.fileName());
            assertThat(Sha256.of(Drops.read(archived)).hex()).isEqualTo(expectedSha.get(file.fileName()));
        }
    }

    /** Writes the file in place, chunk by chunk, flushing each, and returns the SHA-256 of the whole. */
    private static String write(Path target, long seed) {
        Random random = new Random(seed);
        byte[] all = new byte[CHUNKS * CHUNK_BYTES];
        random.nextBytes(all);
        try (OutputStream out = Files.newOutputStream(target)) {
            for (int c = 0; c < CHUNKS; c++) {
                out.write(all, c * CHUNK_BYTES, CHUNK_BYTES);
                out.flush();
                Pause.slowPeer(Duration.ofMillis(PAUSE_MILLIS), "the ERP writes the file in chunks, slowly");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return Sha256.of(all).hex();
    }
}
