package io.jakamoconnector.adapter.erphttp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file operations whose order makes a crash harmless (PostgreSQL's {@code durable_rename}): write a hidden
 * temporary file, fsync it, rename it into place, fsync the folder. A reader sees the old state or the whole new file.
 */
final class DurableFiles {
    private static final Logger LOG = LoggerFactory.getLogger(DurableFiles.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String TEMP_PREFIX = ".tmp-";
    private static volatile boolean directorySyncRefusedLogged;

    private DurableFiles() {
    }

    /** Writes {@code target} (replacing it) with {@code header} then {@code body}, durably. */
    static void write(Path target, byte[] header, byte[] body) throws IOException {
        Path dir = target.getParent();
        byte[] r = new byte[8];
        RANDOM.nextBytes(r);
        Path temp = dir.resolve(TEMP_PREFIX + HexFormat.of().formatHex(r));
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                writeFully(channel, header);
                writeFully(channel, body);
                channel.force(true);
            }
            rename(temp, target);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        syncDirectory(dir);
    }

    /** An atomic rename within one folder (or one file system), replacing the target; not yet synced. */
    static void rename(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void writeFully(FileChannel channel, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** Makes renames and deletions in {@code dir} durable; a platform that cannot open a folder is logged once. */
    static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            if (!directorySyncRefusedLogged) {
                directorySyncRefusedLogged = true;
                LOG.info("this platform does not let a folder be synced ({}: {}); renames are as durable as it makes "
                        + "them", dir, e.toString());
            }
        }
    }
}
