package io.jakamoconnector.domain.model.exchange;

import io.jakamoconnector.domain.model.Check;
import io.jakamoconnector.domain.model.document.Sha256;
import io.jakamoconnector.domain.model.sync.DedupKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The head of an integration's Jakamo queue as it arrived: exact bytes, the acknowledgement handle and the headers.
 * It is not parsed yet: a message that cannot be parsed must still be recorded and quarantined.
 */
public final class InboundMessage {
    private final byte[] body;
    private final AckHandle ackHandle;
    private final MessageHeaders headers;
    private final Sha256 sha256;
    private final String refusal;

    public InboundMessage(byte[] body, AckHandle ackHandle, MessageHeaders headers) {
        this(body, ackHandle, headers, null);
    }

    private InboundMessage(byte[] body, AckHandle ackHandle, MessageHeaders headers, String refusal) {
        this.body = Check.notNull("message.body", body).clone();
        this.ackHandle = Check.notNull("message.ackHandle", ackHandle);
        this.headers = Check.notNull("message.headers", headers);
        this.sha256 = Sha256.of(this.body);
        this.refusal = refusal;
    }

    /**
     * A message the adapter would not read (over the size limit): it still has an acknowledgement handle, so the core
     * can quarantine it with the reason and clear it, instead of it blocking the queue forever.
     *
     * @param prefix whatever of the body was read (possibly nothing)
     */
    public static InboundMessage refused(byte[] prefix, AckHandle ackHandle, MessageHeaders headers, String reason) {
        return new InboundMessage(prefix, ackHandle, headers, Check.notBlank("message.refusal", reason));
    }

    /** Why the adapter did not read this message's body, for a message made by {@link #refused}. */
    public java.util.Optional<String> refusal() {
        return java.util.Optional.ofNullable(refusal);
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
