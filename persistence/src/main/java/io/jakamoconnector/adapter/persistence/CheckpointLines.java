package io.jakamoconnector.adapter.persistence;

import io.jakamoconnector.domain.model.audit.CanonicalAuditForm;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checkpoints as the single JSON lines this adapter writes: the anchor file's lines and an export's last line. Both
 * are flat objects of numbers and plain strings in a form we write ourselves, so each field is found by a strict
 * pattern; this module has no JSON library, and a line that does not match is simply not a checkpoint.
 */
final class CheckpointLines {
    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d{1,18})[,}]");
    private static final Pattern HASH = Pattern.compile("\"hash\":\"([0-9a-f]{64})\"");
    private static final Pattern SIGNED_AT = Pattern.compile("\"signed_at\":\"([0-9T:.Z-]{20,32})\"");
    private static final Pattern KEY_ID = Pattern.compile("\"key_id\":\"([0-9a-f]{16})\"");
    private static final Pattern SIGNATURE = Pattern.compile("\"signature\":\"([A-Za-z0-9+/=]{1,200})\"");

    /** A checkpoint line is about 300 bytes (an export's about 450): the last one lies within this many. */
    private static final int TAIL_BYTES = 8192;

    private CheckpointLines() {
    }

    /** {@code {"seq":…,"hash":"…","signed_at":"…","key_id":"…","signature":"…"}} */
    static String anchorLine(AuditCheckpoint checkpoint) {
        return "{\"seq\":" + checkpoint.seq() + ",\"hash\":\"" + checkpoint.hashHex() + "\",\"signed_at\":\""
                + CanonicalAuditForm.timestamp(checkpoint.signedAt()) + "\",\"key_id\":\"" + checkpoint.keyId()
                + "\",\"signature\":\"" + checkpoint.signatureBase64() + "\"}";
    }

    /**
     * The checkpoint in a line that has all five fields (an anchor line, or an export's
     * {@code {"checkpoint":{…},"events":…}}); empty when it has not.
     */
    static Optional<AuditCheckpoint> parse(String line) {
        String text = line.strip();
        if (!text.startsWith("{") || !text.endsWith("}")) {
            return Optional.empty();
        }
        int inner = text.indexOf("{\"seq\":", 1);
        String object = text.startsWith("{\"checkpoint\":") && inner > 0 ? text.substring(inner) : text;
        Optional<String> seq = field(SEQ, object);
        Optional<String> hash = field(HASH, object);
        Optional<String> signedAt = field(SIGNED_AT, object);
        Optional<String> keyId = field(KEY_ID, object);
        Optional<String> signature = field(SIGNATURE, object);
        if (seq.isEmpty() || hash.isEmpty() || signedAt.isEmpty() || keyId.isEmpty() || signature.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new AuditCheckpoint(Long.parseLong(seq.get()), hash.get(),
                    Instant.parse(signedAt.get()), keyId.get(), Base64.getDecoder().decode(signature.get())));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The last line of {@code file} that is a checkpoint, reading only its end. */
    static Optional<AuditCheckpoint> last(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            int length = (int) Math.min(size, TAIL_BYTES);
            ByteBuffer tail = ByteBuffer.allocate(length);
            while (tail.hasRemaining() && channel.read(tail, size - length + tail.position()) > 0) {
                // read the whole tail
            }
            String[] lines = new String(tail.array(), 0, tail.position(), StandardCharsets.UTF_8).split("\n");
            for (int i = lines.length - 1; i >= 0; i--) {
                if (lines[i].isBlank()) {
                    continue;
                }
                return parse(lines[i]);
            }
            return Optional.empty();
        }
    }

    private static Optional<String> field(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
