package io.jakamoconnector.adapter.persistence;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A connector process for {@link EmbeddedPostgresDatabaseIT}: starts the embedded database in the directory given,
 * writes a row, says so on its exit code file, and waits to be killed.
 */
public final class EmbeddedCrashChild {
    private EmbeddedCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedPostgresDatabase db = new EmbeddedPostgresDatabase(Path.of(args[0]), 0);
        db.start();
        db.jdbi().useHandle(h -> h.execute("INSERT INTO queue_lease (integration, fencing_token) "
                + "VALUES ('before-the-crash', 7)"));
        java.nio.file.Files.writeString(Path.of(args[0], "child-ready"), "ready");
        new CountDownLatch(1).await();   // nothing counts it down: the test kills this process
    }
}
