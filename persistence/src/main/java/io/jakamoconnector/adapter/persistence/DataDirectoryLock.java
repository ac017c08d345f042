package io.jakamoconnector.adapter.persistence;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The OS lock that says which process runs the embedded server on a data directory. The operating system drops it
 * when the process dies, however it dies, so a held lock means a live process. The holder writes its pid and what it
 * is (a service or a command) into the file, so others can tell whether to wait for it or use its server.
 */
final class DataDirectoryLock {
    /** What holds the lock: {@code run}, which stays, or a command that ends soon. */
    enum HolderKind { SERVICE, COMMAND }

    record Holder(long pid, HolderKind kind) {
    }

    private final Path file;
    private FileChannel channel;
    private FileLock lock;

    DataDirectoryLock(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** Takes the lock if nobody holds it, and writes this process into it; false when another process holds it. */
    synchronized boolean tryAcquire(HolderKind kind) throws IOException {
        if (lock != null) {
            return true;
        }
        FileChannel opened = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock taken;
        try {
            taken = opened.tryLock();
        } catch (OverlappingFileLockException e) {
            taken = null;   // held by another instance in this very JVM
        }
        if (taken == null) {
            opened.close();
            return false;
        }
        channel = opened;
        lock = taken;
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + " " + kind.name().toLowerCase(
                java.util.Locale.ROOT) + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        channel.force(false);
        return true;
    }

    /** Who wrote the lock file last: the holder while it is held (empty when unreadable or from an older version). */
    Optional<Holder> holder() {
        try {
            String[] fields = Files.readString(file, StandardCharsets.US_ASCII).trim().split(" ");
            if (fields.length != 2) {
                return Optional.empty();
            }
            return Optional.of(new Holder(Long.parseLong(fields[0]),
                    HolderKind.valueOf(fields[1].toUpperCase(java.util.Locale.ROOT))));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    synchronized boolean held() {
        return lock != null;
    }

    synchronized void release() throws IOException {
        try {
            if (lock != null) {
                lock.release();
            }
            if (channel != null) {
                channel.close();
            }
        } finally {
            lock = null;
            channel = null;
        }
    }
}
