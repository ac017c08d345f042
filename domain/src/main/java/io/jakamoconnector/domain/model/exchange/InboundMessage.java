package io.jakamoconnector.domain.model.exchange;

import io.jakamoconnector.domain.model.Check;
import io.jakamoconnector.domain.model.document.DocumentFacts;
import io.jakamoconnector.domain.model.document.Sha256;
import io.jakamoconnector.domain.model.sync.DedupKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;

/**
 * The head of an integration's Jakamo queue as it arrived: exact bytes, the acknowledgement handle and the headers,
 * and, where the queue's adapter has already read the body with the domain's document reader (to tell a message from
 * an empty-queue answer), what it found, so the body is not parsed twice. A message that cannot be parsed must still
 * be recorded and quarantined.
 */
public final class InboundMessage {
    private final byte[] body;
    private final AckHandle ackHandle;
    private final MessageHeaders headers;
    private final Sha256 sha256;
    private final String refusal;
    private final DocumentFacts facts;

    public InboundMessage(byte[] body, AckHandle ackHandle, MessageHeaders headers) {
        this(body, ackHandle, headers, null, null);
    }

    private InboundMessage(byte[] body, AckHandle ackHandle, MessageHeaders headers, String refusal,
                           DocumentFacts facts) {
        this.body = Check.notNull("message.body", body).clone();
        this.ackHandle = Check.notNull("message.ackHandle", ackHandle);
        this.headers = Check.notNull("message.headers", headers);
        this.sha256 = Sha256.of(this.body);
        this.refusal = refusal;
        this.facts = facts;
    }

    /**
     * A message whose body the adapter has read with the domain's
     * {@link io.jakamoconnector.domain.model.document.DocumentReader}: {@code facts} must be what that reader returned
     * for exactly these bytes. The core takes them instead of reading the body again.
     */
    public static InboundMessage read(byte[] body, AckHandle ackHandle, MessageHeaders headers, DocumentFacts facts) {
        return new InboundMessage(body, ackHandle, headers, null, Check.notNull("message.facts", facts));
    }

    /** What the domain's reader found in the body, when the adapter read it already (see {@link #read}). */
    public Optional<DocumentFacts> facts() {
        return Optional.ofNullable(facts);
    }

    /**
     * A message the adapter would not read (over the size limit): it still has an acknowledgement handle, so the core
     * can quarantine it with the reason and clear it, instead of it blocking the queue forever.
     *
     * @param prefix whatever of the body was read (possibly nothing)
     */
    public static InboundMessage refused(byte[] prefix, AckHandle ackHandle, MessageHeaders headers, String reason) {
        return new InboundMessage(prefix, ackHandle, headers, Check.notBlank("message.refusal", reason), null);
    }

    /** Why the adapter did not read this message's body, for a message made by {@link #refused}. */
    public Optional<String> refusal() {
        return Optional.ofNullable(refusal);
    }

    public byte[] body() {
        return body.clone();
    }

    public AckHandle ackHandle() {
        return ackHandle;
    }

    public MessageHeaders headers() {
        return headers;
    }

    public Sha256 sha256() {
        return sha256;
    }

    /**
     * The key that makes a redelivered message recognisable: the integration, the acknowledgement handle (unique per
     * message, stable across redeliveries of the same head) and the exact body. Jakamo returns the same head until it is
     * acknowledged, so a message seen again after a crash has the same key.
     */
    public DedupKey dedupKey(IntegrationName integration) {
        MessageDigest d = Sha256.digest();
        for (String part : new String[] {integration.value(), ackHandle.value(), sha256.hex()}) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            d.update((byte) (bytes.length >>> 8));
            d.update((byte) bytes.length);
            d.update(bytes);
        }
        return new DedupKey(java.util.HexFormat.of().formatHex(d.digest()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InboundMessage other && Arrays.equals(body, other.body)
                && ackHandle.equals(other.ackHandle) && headers.equals(other.headers);
    }

    @Override
    public int hashCode() {
        return sha256.hashCode() * 31 + ackHandle.hashCode();
    }

    @Override
    public String toString() {
        return "InboundMessage[bytes=" + body.length + ", sha256=" + sha256.shortForm() + "]";
    }
}
