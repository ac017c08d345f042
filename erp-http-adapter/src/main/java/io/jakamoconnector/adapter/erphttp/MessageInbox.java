package io.jakamoconnector.adapter.erphttp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jakamoconnector.domain.model.document.Document;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One integration's messages for the ERP. Staged: a hidden {@code .staged-<name>} file, synced. Published: renamed to
 * {@code <sequence>-<name>} in the same folder and the folder synced; the sequence is the ERP's cursor. Acknowledged:
 * renamed into {@code inbox-acked/}, kept for retention. A name once published or acknowledged is never staged or
 * published again, so a message comes back after a crash at most until the ERP acknowledged it, never after.
 */
final class MessageInbox {
    private static final String STAGED = ".staged-";
    private final Path visible;
    private final Path acked;
    private long lastSeq = -1;

    /** A published message, with its cursor. */
    record Message(long seq, String name, Instant receivedAt, String type, Optional<String> businessKey,
                   String contentType, byte[] body) {
    }

    /** The outcome of {@link #acknowledge}. */
    enum Ack { ACKNOWLEDGED, ALREADY, UNKNOWN }

    MessageInbox(Path integrationDirectory) {
        this.visible = integrationDirectory.resolve("inbox");
        this.acked = integrationDirectory.resolve("inbox-acked");
    }

    synchronized void create() throws IOException {
        Files.createDirectories(visible);
        Files.createDirectories(acked);
    }

    Path directory() {
        return visible;
    }

    /** Puts the document aside under {@code name}, replacing what was staged under it; nothing once it was shown. */
    synchronized void stage(String name, Document document, String contentType, Instant now) throws IOException {
        if (shownOrAcknowledged(name)) {
            return;
        }
        ObjectNode header = EntryFiles.JSON.createObjectNode();
        header.put("name", name);
        header.put("receivedAt", now.toString());
        header.put("type", document.type().rootName().orElse(document.type().label()));
        document.businessKey().ifPresent(k -> header.put("businessKey", k.value()));
        header.put("contentType", contentType);
        DurableFiles.write(visible.resolve(STAGED + name), EntryFiles.headerLine(header), document.bytes());
    }

    /** Shows what was staged under {@code name} with the next sequence number; nothing when there is nothing staged. */
    synchronized void publish(String name) throws IOException {
        Path staged = visible.resolve(STAGED + name);
        if (!Files.exists(staged)) {
            return;
        }
        if (shownOrAcknowledged(name)) {
            // a crash between the rename and the cleanup of an earlier publish cannot leave this; a second stage can't
            Files.delete(staged);
            DurableFiles.syncDirectory(visible);
            return;
        }
        DurableFiles.rename(staged, visible.resolve(EntryFiles.fileName(nextSeq(), name)));
        DurableFiles.syncDirectory(visible);
    }

    private boolean shownOrAcknowledged(String name) throws IOException {
        return EntryFiles.newest(visible, name).isPresent() || EntryFiles.newest(acked, name).isPresent();
    }

    private long nextSeq() throws IOException {
        if (lastSeq < 0) {
            long max = 0;
            for (Path dir : List.of(visible, acked)) {
                for (EntryFiles.Listed l : EntryFiles.list(dir)) {
                    max = Math.max(max, l.seq());
                }
            }
            lastSeq = max;
        }
        return ++lastSeq;
    }

    /** Published, unacknowledged messages after {@code afterSeq}, oldest first, at most {@code limit}. */
    synchronized List<Message> after(long afterSeq, int limit) throws IOException {
        List<Message> out = new ArrayList<>();
        for (EntryFiles.Listed l : EntryFiles.list(visible)) {
            if (l.seq() <= afterSeq) {
                continue;
            }
            if (out.size() >= limit) {
                break;
            }
            EntryFiles.Entry e = EntryFiles.read(l.file());
            ObjectNode h = e.header();
            out.add(new Message(l.seq(), l.name(), Instant.parse(h.path("receivedAt").asText()),
                    h.path("type").asText(), DocumentSpool.text(h, "businessKey"),
                    h.path("contentType").asText("application/xml"), e.body()));
        }
        return out;
    }

    /** Whether more published messages follow {@code afterSeq}. */
    synchronized boolean anyAfter(long afterSeq) throws IOException {
        return EntryFiles.list(visible).stream().anyMatch(l -> l.seq() > afterSeq);
    }

    /** The bytes shown under {@code name}, unacknowledged. */
    synchronized Optional<byte[]> shown(String name) throws IOException {
        Optional<EntryFiles.Listed> l = EntryFiles.newest(visible, name);
        return l.isEmpty() ? Optional.empty() : Optional.of(EntryFiles.read(l.get().file()).body());
    }

    synchronized int shownCount() throws IOException {
        return EntryFiles.list(visible).size();
    }

    /** Moves a shown message to the acknowledged ones, stamped with {@code now} for retention. */
    synchronized Ack acknowledge(String name, Instant now) throws IOException {
        Optional<EntryFiles.Listed> l = EntryFiles.newest(visible, name);
        if (l.isEmpty()) {
            return EntryFiles.newest(acked, name).isPresent() ? Ack.ALREADY : Ack.UNKNOWN;
        }
        Path target = acked.resolve(l.get().file().getFileName());
        Files.move(l.get().file(), target);
        Files.setLastModifiedTime(target, java.nio.file.attribute.FileTime.from(now));
        DurableFiles.syncDirectory(acked);
        DurableFiles.syncDirectory(visible);
        return Ack.ACKNOWLEDGED;
    }

    /** Acknowledged messages, oldest first, with the time they were acknowledged (the file's time). */
    synchronized List<EntryFiles.Listed> acknowledged() throws IOException {
        return EntryFiles.list(acked);
    }

    Path acknowledgedDirectory() {
        return acked;
    }
}
