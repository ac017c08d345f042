package io.jakamoconnector.adapter.persistence;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A copy of every audit checkpoint outside the database: one JSON line per checkpoint,
 * {@code {"seq":…,"hash":"…","signed_at":"…","key_id":"…","signature":"…"}}, appended ({@code O_APPEND}, one write
 * per line, then fsync) to a file created 0600. Whoever can rewrite the database cannot rewrite this file, so a
 * checkpoint here that the chain no longer matches, or that lies beyond its head, shows what was cut or rewritten.
 * Ship it to a SIEM or back it up: an anchor on the same disk does not survive root.
 */
public final class AuditAnchorFile {
    private static final Set<OpenOption> APPEND = Set.of(StandardOpenOption.CREATE, StandardOpenOption.APPEND,
            StandardOpenOption.WRITE);

    private final Path file;

    public AuditAnchorFile(Path file) {
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath();
    }

    public Path path() {
        return file;
    }

    /** The newest checkpoint the file holds (its last line): empty when the file does not exist or holds none. */
    public Optional<AuditCheckpoint> newest() throws IOException {
        return exists() ? CheckpointLines.last(file) : Optional.empty();
    }

    /**
     * Moves the file aside, to {@code <file><suffix>} beside it (its 0600 mode stays), for a database that starts a
     * chain over from an earlier state (a restore): its checkpoints lie beyond that chain's head. Nothing is deleted.
     *
     * @return where it went
     */
    public Path moveAside(String suffix) throws IOException {
        Path aside = file.resolveSibling(file.getFileName() + suffix);
        Files.move(file, aside, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return aside;
    }

    /** What the file holds: empty when it does not exist. */
    record Line(int number, Optional<AuditCheckpoint> checkpoint, String text) {
    }

    boolean exists() {
        return Files.exists(file);
    }

    /** Appends one line per checkpoint, each in one write, and forces them to the disk. */
    void append(List<AuditCheckpoint> checkpoints) throws IOException {
        if (checkpoints.isEmpty()) {
            return;
        }
        Path parent = file.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            Files.createDirectories(parent, ownerOnly(parent, "rwx------"));
        }
        try (FileChannel channel = FileChannel.open(file, APPEND, ownerOnly(parent, "rw-------"))) {
            for (AuditCheckpoint checkpoint : checkpoints) {
                ByteBuffer line = ByteBuffer.wrap((CheckpointLines.anchorLine(checkpoint) + "\n")
                        .getBytes(StandardCharsets.UTF_8));
                while (line.hasRemaining()) {
                    channel.write(line);
                }
            }
            channel.force(true);
        }
    }

    /** Every line, parsed where it is a checkpoint; empty when the file does not exist. */
    Optional<List<Line>> read() throws IOException {
        List<String> texts;
        try {
            texts = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        List<Line> lines = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            if (!text.isBlank()) {
                lines.add(new Line(i + 1, CheckpointLines.parse(text), text));
            }
        }
        return Optional.of(lines);
    }

    /** The newest checkpoint in the file (its last line that is one), without reading the whole file. */
    Optional<AuditCheckpoint> last() throws IOException {
        try {
            return CheckpointLines.last(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path directory, String permissions) {
        if (directory == null || !directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions
                .fromString(permissions))};
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
