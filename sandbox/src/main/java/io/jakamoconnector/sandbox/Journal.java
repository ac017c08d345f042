package io.jakamoconnector.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the fakes saw, for assertions such as "posted exactly once" or "acknowledged only after it was saved".
 * Requests, documents and acknowledgements share one sequence, so their order can be compared across lists.
 * Nothing here holds a secret or a token value.
 */
public final class Journal {
    private final AtomicLong sequence = new AtomicLong();
    private final List<RequestRecord> requests = new ArrayList<>();
    private final List<DocumentRecord> documents = new ArrayList<>();
    private final List<AckRecord> acknowledgements = new ArrayList<>();
    private final Map<String, Gauge> queueReaders = new ConcurrentHashMap<>();

    Journal() {
    }

    /** The fingerprint the journal shows for a token: the first 16 lower-case hex characters of its SHA-256. */
    public static String fingerprint(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    long nextSequence() {
        return sequence.incrementAndGet();
    }

    synchronized void add(RequestRecord record) {
        requests.add(record);
    }

    synchronized void add(DocumentRecord record) {
        documents.add(record);
    }

    synchronized void add(AckRecord record) {
        acknowledgements.add(record);
    }

    public synchronized List<RequestRecord> requests() {
        return List.copyOf(requests);
    }

    public synchronized List<RequestRecord> requests(Endpoint endpoint) {
        return requests.stream().filter(r -> r.endpoint() == endpoint).toList();
    }

    /** How many requests reached the endpoint (whatever their outcome). */
    public synchronized long count(Endpoint endpoint) {
        return requests.stream().filter(r -> r.endpoint() == endpoint).count();
    }

    public synchronized List<DocumentRecord> documents() {
        return List.copyOf(documents);
    }

    public synchronized List<DocumentRecord> documents(String integration) {
        return documents.stream().filter(d -> integration.equals(d.integration())).toList();
    }

    /** Accepted documents with this root element and order (or claim) number, e.g. {@code ("Order", "PO-4711")}. */
    public synchronized List<DocumentRecord> documents(String rootElement, String documentNumber) {
        return documents.stream()
                .filter(d -> rootElement.equals(d.rootElement()) && documentNumber.equals(d.documentNumber()))
                .toList();
    }

    /** How often a document was accepted: 1 means "posted exactly once". */
    public int timesAccepted(String rootElement, String documentNumber) {
        return documents(rootElement, documentNumber).size();
    }

    public synchronized List<AckRecord> acknowledgements() {
        return List.copyOf(acknowledgements);
    }

    public synchronized List<AckRecord> acknowledgements(String integration) {
        return acknowledgements.stream().filter(a -> integration.equals(a.integration())).toList();
    }

    /** The first acknowledgement of the message, if any. */
    public synchronized Optional<AckRecord> acknowledgement(String messageId) {
        return acknowledgements.stream().filter(a -> messageId.equals(a.messageId())).findFirst();
    }

    /** How many times a queue read handed out this message (status 200 with the message). */
    public synchronized int deliveries(String messageId) {
        return (int) requests.stream()
                .filter(r -> r.endpoint().isQueueRead() && messageId.equals(r.messageId()) && r.status() == 200)
                .count();
    }

    /** The most queue reads of this integration ever in flight at once (two connector instances polling: 2). */
    public int maxConcurrentQueueReaders(String integration) {
        Gauge gauge = queueReaders.get(integration);
        return gauge == null ? 0 : gauge.max();
    }

    /** Queue reads of this integration in flight right now. */
    public int queueReadersInFlight(String integration) {
        Gauge gauge = queueReaders.get(integration);
        return gauge == null ? 0 : gauge.current();
    }

    Gauge queueReaders(String integration) {
        return queueReaders.computeIfAbsent(integration, name -> new Gauge());
    }

    /** Forgets everything recorded so far, including the concurrency high-water marks. Sequence numbers keep growing. */
    public synchronized void clear() {
        requests.clear();
        documents.clear();
        acknowledgements.clear();
        queueReaders.values().forEach(Gauge::resetMax);
    }

    /** Counts concurrent holders and remembers the high-water mark. */
    static final class Gauge {
        private int current;
        private int max;

        synchronized void enter() {
            current++;
            max = Math.max(max, current);
        }

        synchronized void exit() {
            current--;
        }

        synchronized int current() {
            return current;
        }

        synchronized int max() {
            return max;
        }

        synchronized void resetMax() {
            max = current;
        }
    }
}
