package io.jakamoconnector.adapter.erphttp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.document.Sha256;
import io.jakamoconnector.domain.port.out.ArchiveVerdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One integration's documents from the ERP, kept durably from the moment the API answers 202 until the core archived
 * them: {@code received/} holds what waits to be picked up, {@code archived/} what was handled, each with the verdict,
 * so the status call can still say what became of it (and a repeated POST is recognised) until retention removes it.
 * Only this process writes here; one lock per integration makes check-then-write atomic.
 */
final class DocumentSpool {
    private final Path received;
    private final Path archived;
    private long lastSeq = -1;

    /** What the spool knows of one document; {@code verdict} empty while it waits in {@code received/}. */
    record Spooled(String name, long seq, Instant receivedAt, Sha256 sha256, Optional<BusinessKey> attachmentFor,
                   Optional<String> documentType, Optional<String> businessKey, Optional<ArchiveVerdict> verdict,
                   Optional<Instant> archivedAt) {
    }

    /** The outcome of {@link #accept}. */
    enum Acceptance { NEW, SAME, CONFLICT }

    DocumentSpool(Path integrationDirectory) {
        this.received = integrationDirectory.resolve("outbox").resolve("received");
        this.archived = integrationDirectory.resolve("outbox").resolve("archived");
    }

    synchronized void create() throws IOException {
        Files.createDirectories(received);
        Files.createDirectories(archived);
    }

    Path directory() {
        return received.getParent();
    }

    /**
     * Keeps {@code bytes} as {@code name} unless a document of that name is known (waiting or archived): then SAME when
     * it holds the same bytes, CONFLICT when not. Durable (file and folder synced) when this returns NEW.
     */
    synchronized Acceptance accept(String name, byte[] bytes, Instant now, Optional<String> documentType,
                                   Optional<String> businessKey) throws IOException {
        Sha256 sha = Sha256.of(bytes);
        Optional<Spooled> known = find(name);
        if (known.isPresent()) {
            return known.get().sha256().equals(sha) ? Acceptance.SAME : Acceptance.CONFLICT;
        }
        write(name, bytes, now, Optional.empty(), documentType, businessKey);
        return Acceptance.NEW;
    }

    /** Keeps {@code bytes} as {@code name}, replacing what waits under that name (a rewrite is a new document). */
    synchronized void put(String name, byte[] bytes, Instant now, Optional<BusinessKey> attachmentFor)
            throws IOException {
        Optional<EntryFiles.Listed> waiting = EntryFiles.newest(received, name);
        write(name, bytes, now, attachmentFor, Optional.empty(), Optional.empty());
        if (waiting.isPresent()) {
            Files.deleteIfExists(waiting.get().file());
            DurableFiles.syncDirectory(received);
        }
    }

    private void write(String name, byte[] bytes, Instant now, Optional<BusinessKey> attachmentFor,
                       Optional<String> documentType, Optional<String> businessKey) throws IOException {
        long seq = nextSeq();
        ObjectNode header = EntryFiles.JSON.createObjectNode();
        header.put("name", name);
        header.put("receivedAt", now.toString());
        header.put("sha256", Sha256.of(bytes).hex());
        attachmentFor.ifPresent(k -> header.put("attachmentFor", k.value()));
        documentType.ifPresent(t -> header.put("documentType", t));
        businessKey.ifPresent(k -> header.put("businessKey", k));
        DurableFiles.write(received.resolve(EntryFiles.fileName(seq, name)), EntryFiles.headerLine(header), bytes);
    }

    private long nextSeq() throws IOException {
        if (lastSeq < 0) {
            long max = 0;
            for (Path dir : List.of(received, archived)) {
                for (EntryFiles.Listed l : EntryFiles.list(dir)) {
                    max = Math.max(max, l.seq());
                }
            }
            lastSeq = max;
        }
        return ++lastSeq;
    }

    /** A waiting document with its bytes. */
    record Waiting(Spooled spooled, byte[] bytes) {
    }

    /** The documents waiting, oldest first, at most {@code max}. */
    synchronized List<Waiting> oldest(int max) throws IOException {
        List<Waiting> out = new ArrayList<>();
        for (EntryFiles.Listed l : EntryFiles.list(received)) {
            if (out.size() >= max) {
                break;
            }
            if (Files.exists(archived.resolve(l.file().getFileName()))) {
                // archived, and a crash came before the waiting copy was removed
                Files.deleteIfExists(l.file());
                continue;
            }
            EntryFiles.Entry e = EntryFiles.read(l.file());
            out.add(new Waiting(spooled(l, e.header()), e.body()));
        }
        return out;
    }

    synchronized long waitingCount() throws IOException {
        return EntryFiles.list(received).size();
    }

    /** The newest document of that name: waiting, else archived. */
    synchronized Optional<Spooled> find(String name) throws IOException {
        Optional<EntryFiles.Listed> waiting = EntryFiles.newest(received, name);
        Optional<EntryFiles.Listed> done = EntryFiles.newest(archived, name);
        if (done.isPresent() && (waiting.isEmpty() || done.get().seq() >= waiting.get().seq())) {
            return Optional.of(spooled(done.get(), EntryFiles.readHeader(done.get().file())));
        }
        if (waiting.isPresent()) {
            return Optional.of(spooled(waiting.get(), EntryFiles.readHeader(waiting.get().file())));
        }
        return Optional.empty();
    }

    /**
     * Moves the waiting document {@code name} to the archive with {@code verdict}; when {@code read} is given, only
     * while it still holds those bytes. True when archived or nothing of that name waits; false when it was rewritten.
     */
    synchronized boolean archive(String name, Optional<Sha256> read, ArchiveVerdict verdict, Instant now)
            throws IOException {
        Optional<EntryFiles.Listed> waiting = EntryFiles.newest(received, name);
        if (waiting.isEmpty()) {
            return true;
        }
        EntryFiles.Entry entry = EntryFiles.read(waiting.get().file());
        if (read.isPresent() && !read.get().hex().equals(entry.header().path("sha256").asText())) {
            return false;
        }
        ObjectNode header = entry.header().deepCopy();
        header.set("verdict", VerdictJson.write(verdict));
        header.put("archivedAt", now.toString());
        Path target = archived.resolve(waiting.get().file().getFileName());
        if (!Files.exists(target)) {
            DurableFiles.write(target, EntryFiles.headerLine(header), entry.body());
        }
        Files.deleteIfExists(waiting.get().file());
        DurableFiles.syncDirectory(received);
        return true;
    }

    /** The archived documents, oldest first. */
    synchronized List<Spooled> archivedEntries() throws IOException {
        List<Spooled> out = new ArrayList<>();
        for (EntryFiles.Listed l : EntryFiles.list(archived)) {
            out.add(spooled(l, EntryFiles.readHeader(l.file())));
        }
        return out;
    }

    Path archivedFile(Spooled spooled) {
        return archived.resolve(EntryFiles.fileName(spooled.seq(), spooled.name()));
    }

    synchronized long deleteArchived(Spooled spooled) throws IOException {
        Path file = archivedFile(spooled);
        long size = Files.exists(file) ? Files.size(file) : 0;
        Files.deleteIfExists(file);
        return size;
    }

    synchronized void syncArchive() {
        DurableFiles.syncDirectory(archived);
    }

    private static Spooled spooled(EntryFiles.Listed l, ObjectNode h) {
        return new Spooled(l.name(), l.seq(), Instant.parse(h.path("receivedAt").asText()),
                new Sha256(h.path("sha256").asText()),
                text(h, "attachmentFor").map(BusinessKey::new), text(h, "documentType"), text(h, "businessKey"),
                h.has("verdict") ? Optional.of(VerdictJson.read(h.get("verdict"))) : Optional.empty(),
                text(h, "archivedAt").map(Instant::parse));
    }

    static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }
}
