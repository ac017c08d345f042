package io.jakamoconnector.adapter.erpfolder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/** How the tests play the ERP in the folders. */
final class Drops {
    private Drops() {
    }

    /** Writes a file in place (as a careless ERP does) with the given modification time. */
    static Path write(Path file, byte[] bytes, Instant modified) {
        try {
            Files.write(file, bytes);
            Files.setLastModifiedTime(file, FileTime.from(modified));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes under a hidden temp name and renames into place (as a careful ERP does). */
    static Path renameIn(Path file, byte[] bytes, Instant modified) {
        try {
            Path temp = file.resolveSibling("." + file.getFileName() + ".writing");
            write(temp, bytes, modified);
            return Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the file, then its {@code .done} marker. */
    static Path withMarker(Path file, byte[] bytes, Instant modified) {
        renameIn(file, bytes, modified);
        write(file.resolveSibling(file.getFileName() + ".done"), new byte[0], modified);
        return file;
    }

    /** Every entry of a folder by name, hidden ones included, sorted. */
    static List<String> names(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> visibleNames(Path dir) {
        return names(dir).stream().filter(n -> !n.startsWith(".")).toList();
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(Path file) {
        return new String(read(file), java.nio.charset.StandardCharsets.UTF_8);
    }
}
