package io.jakamoconnector.adapter.erpfolder;

import io.jakamoconnector.domain.model.document.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file operations whose order makes a crash harmless, after PostgreSQL's {@code durable_rename}: write a hidden
 * temporary file in the target's folder, fsync it, rename it into place, fsync the folder. After a crash a reader sees
 * the old state or the whole new file, never a torn one; what a crash can leave is a hidden {@code .tmp} file, which
 * no ERP convention picks up and which {@link #removeLeftoverTemps} clears.
 */
final class DurableFiles {
    private static final Logger LOG = LoggerFactory.getLogger(DurableFiles.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** {@code .<final name>.<16 hex>.tmp}: hidden, ends in .tmp, and tells whose it is. */
    private static final Pattern TEMP = Pattern.compile("\\..+\\.[0-9a-f]{16}\\.tmp");
    private static volatile boolean directorySyncRefusedLogged;

    /** Where a test stands in for a crash: called after the temp file is synced and before the rename. */
    interface Interruption {
        Interruption NONE = point -> { };

        void at(String point);
    }

    static final String BEFORE_RENAME = "before-rename";

    private DurableFiles() {
    }

    static String tempNameFor(String finalName) {
        byte[] r = new byte[8];
        RANDOM.nextBytes(r);
        return "." + finalName + "." + HexFormat.of().formatHex(r) + ".tmp";
    }

    static boolean isOurTemp(String fileName) {
        return TEMP.matcher(fileName).matches();
    }

    /**
     * Creates {@code target} with exactly {@code bytes}, or throws {@link FileAlreadyExistsException} leaving whatever
     * is there untouched. The rename is atomic; the existence check before it is not atomic with it (Java has no
     * rename-without-replace on POSIX), which is safe because only the connector writes these folders and the names it
     * writes are unique to the content (a dedup key, or an archive name chosen as free).
     */
    static void writeNew(Path target, byte[] bytes, Interruption interruption) throws IOException {
        Path dir = target.getParent();
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString());
        }
        Path temp = dir.resolve(tempNameFor(target.getFileName().toString()));
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            interruption.at(BEFORE_RENAME);
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new FileAlreadyExistsException(target.toString());
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                // same folder, so this is a rename anyway; the plain move also refuses an existing target
                Files.move(temp, target);
            }
        } catch (IOException | RuntimeException e) {
            deleteQuietly(temp);
            throw e;
        }
        syncDirectory(dir);
    }

    /**
     * Moves {@code source} to {@code target} unless {@code target} exists ({@link FileAlreadyExistsException}); a
     * source that is gone gives {@link NoSuchFileException}. Within one file system this is a rename.
     */
    static void moveWithoutReplacing(Path source, Path target) throws IOException {
        Files.move(source, target);
    }

    /**
     * Makes a rename in {@code dir} durable. Some platforms (Windows) refuse to open a folder; there the rename is as
     * durable as the platform makes it, which is logged once.
     */
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

    /** Reads a whole small file, or returns null when it is larger than {@code max} bytes. */
    static byte[] readSmall(Path file, int max) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.READ,
                LinkOption.NOFOLLOW_LINKS)) {
            long size = channel.size();
            if (size > max) {
                return null;
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) size);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // a channel may return fewer bytes than asked for
            }
            return Arrays.copyOf(buffer.array(), buffer.position());
        }
    }

    static boolean sameContent(Path file, byte[] bytes) throws IOException {
        if (Files.size(file) != bytes.length) {
            return false;
        }
        byte[] existing = readSmall(file, bytes.length);
        return existing != null && Arrays.equals(existing, bytes);
    }

    static Sha256 sha256Of(Path file) throws IOException {
        MessageDigest digest = Sha256.digest();
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) != -1) {
                digest.update(buffer, 0, n);
            }
        }
        return new Sha256(HexFormat.of().formatHex(digest.digest()));
    }

    /** Deletes the temp files an interrupted write of {@code finalName} left in {@code dir}. */
    static void removeLeftoverTemps(Path dir, String finalName) throws IOException {
        String prefix = "." + finalName + ".";
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir,
                p -> p.getFileName().toString().startsWith(prefix) && isOurTemp(p.getFileName().toString()))) {
            for (Path leftover : entries) {
                String rest = leftover.getFileName().toString().substring(prefix.length());
                if (rest.length() == 16 + ".tmp".length()) {
                    LOG.info("removing {} left by an interrupted write", leftover);
                    deleteQuietly(leftover);
                }
            }
        }
    }

    /** Deletes connector temp files in {@code dir} untouched for longer than {@code age}: writes a crash cut short. */
    static int removeStaleTemps(Path dir, Duration age, Instant now) throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir,
                p -> isOurTemp(p.getFileName().toString()))) {
            for (Path temp : entries) {
                FileTime modified = Files.getLastModifiedTime(temp, LinkOption.NOFOLLOW_LINKS);
                if (modified.toInstant().plus(age).isBefore(now)) {
                    LOG.info("removing {} left by an interrupted write", temp);
                    deleteQuietly(temp);
                    removed++;
                }
            }
        }
        return removed;
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", file, e.toString());
        }
    }
}
