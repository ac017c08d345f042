package io.jakamoconnector.adapter.erphttp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one file format of the spool and the inbox: a line of JSON (what the adapter knows of the entry), then the
 * document's bytes exactly. One file per entry, so one rename makes it appear whole. File names are
 * {@code <sequence, 19 digits>-<name>}: a listing sorted by name is oldest first, and the name follows.
 */
final class EntryFiles {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FILE = Pattern.compile("(\\d{19})-(.+)");
    private static final int MAX_HEADER = 64 * 1024;

    /** A file of a folder, by sequence and name. */
    record Listed(long seq, String name, Path file) {
    }

    /** A whole entry. */
    record Entry(ObjectNode header, byte[] body) {
    }

    private EntryFiles() {
    }

    static String fileName(long seq, String name) {
        return String.format("%019d-%s", seq, name);
    }

    static byte[] headerLine(ObjectNode header) {
        try {
            return (JSON.writeValueAsString(header) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("a header of plain values cannot fail to print", e);
        }
    }

    /** The visible entries of {@code dir}, oldest first; hidden files (temporary, staged) are not listed. */
    static List<Listed> list(Path dir) throws IOException {
        List<Listed> out = new ArrayList<>();
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return out;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                Matcher m = FILE.matcher(p.getFileName().toString());
                if (m.matches() && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    out.add(new Listed(Long.parseLong(m.group(1)), m.group(2), p));
                }
            }
        }
        out.sort(Comparator.comparingLong(Listed::seq));
        return out;
    }

    /** The newest entry of {@code dir} named {@code name}. */
    static Optional<Listed> newest(Path dir, String name) throws IOException {
        List<Listed> all = list(dir);
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).name().equals(name)) {
                return Optional.of(all.get(i));
            }
        }
        return Optional.empty();
    }

    static Entry read(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        int newline = -1;
        for (int i = 0; i < Math.min(all.length, MAX_HEADER); i++) {
            if (all[i] == '\n') {
                newline = i;
                break;
            }
        }
        if (newline < 0) {
            throw new IOException(file + " is not an entry of the ERP HTTP adapter (no header line)");
        }
        ObjectNode header = (ObjectNode) JSON.readTree(new String(all, 0, newline, StandardCharsets.UTF_8));
        byte[] body = java.util.Arrays.copyOfRange(all, newline + 1, all.length);
        return new Entry(header, body);
    }

    static ObjectNode readHeader(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS))) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                if (line.size() >= MAX_HEADER) {
                    throw new IOException(file + " is not an entry of the ERP HTTP adapter (header too long)");
                }
                line.write(b);
            }
            return (ObjectNode) JSON.readTree(line.toString(StandardCharsets.UTF_8));
        }
    }
}
