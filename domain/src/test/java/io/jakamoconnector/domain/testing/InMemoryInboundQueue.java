package io.jakamoconnector.domain.testing;

import io.jakamoconnector.domain.model.document.DocumentFacts;
import io.jakamoconnector.domain.model.document.DocumentReader;
import io.jakamoconnector.domain.model.document.UnreadableDocumentException;
import io.jakamoconnector.domain.model.exchange.AckHandle;
import io.jakamoconnector.domain.model.exchange.InboundMessage;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.exchange.MessageHeaders;
import io.jakamoconnector.domain.port.out.InboundQueuePort;
import io.jakamoconnector.domain.port.out.JakamoExchangeException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** Jakamo's queue as the documentation describes it: the same head until it is acknowledged. */
public final class InMemoryInboundQueue implements InboundQueuePort {
    private final Map<IntegrationName, Deque<InboundMessage>> queues = new HashMap<>();
    private final Map<String, byte[]> attachments = new HashMap<>();
    private final List<AckHandle> acknowledgements = new ArrayList<>();
    private final CrashPoints crashes;
    private final DocumentReader reader = new DocumentReader();
    private final AtomicInteger ids = new AtomicInteger();
    private int failNextAcks;
    private int loseNextAckAnswers;
    private int failNextReads;
    private boolean ackUriPerRead;
    private int reads;
    private final Map<IntegrationName, AckHandle> issued = new HashMap<>();
    private String untrustedAckReason;
    private final Map<String, String> untrustedAttachments = new HashMap<>();

    public InMemoryInboundQueue(CrashPoints crashes) {
        this.crashes = crashes;
    }

    public InMemoryInboundQueue() {
        this(CrashPoints.none());
    }

    public synchronized InboundMessage enqueue(IntegrationName integration, String xml) {
        return enqueue(integration, xml.getBytes(StandardCharsets.UTF_8));
    }

    public synchronized InboundMessage enqueue(IntegrationName integration, byte[] body) {
        int id = ids.incrementAndGet();
        InboundMessage message = asRead(body,
                new AckHandle("https://jakamo.test/api/order/response/" + id + "/ack"),
                MessageHeaders.of(Map.of(MessageHeaders.ACKNOWLEDGE_URI, "https://jakamo.test/api/order/response/" + id + "/ack")));
        queues.computeIfAbsent(integration, k -> new ArrayDeque<>()).addLast(message);
        return message;
    }

    /**
     * A message handed over with {@code facts} as the adapter's reading of it, whatever the body says: for a test to
     * see that the core takes the adapter's reading instead of parsing the body again.
     */
    public synchronized InboundMessage enqueueAsRead(IntegrationName integration, String xml, DocumentFacts facts) {
        int id = ids.incrementAndGet();
        AckHandle handle = new AckHandle("https://jakamo.test/api/order/response/" + id + "/ack");
        InboundMessage message = InboundMessage.read(xml.getBytes(StandardCharsets.UTF_8), handle,
                MessageHeaders.of(Map.of(MessageHeaders.ACKNOWLEDGE_URI, handle.value())), facts);
        queues.computeIfAbsent(integration, k -> new ArrayDeque<>()).addLast(message);
        return message;
    }

    /** As the HTTP adapter hands a message over: with the reader's facts when the body is readable. */
    private InboundMessage asRead(byte[] body, AckHandle handle, MessageHeaders headers) {
        try {
            return InboundMessage.read(body, handle, headers, reader.read(body));
        } catch (UnreadableDocumentException e) {
            return new InboundMessage(body, handle, headers);
        }
    }

    /**
     * A customer's Order or OrderChange on a sales-orders queue, with the headers Jakamo adds: the order number and a
     * confirmation URL unique to this message ({@code https://jakamo.test/api/order/<number>/confirm?message=<n>}).
     */
    public synchronized InboundMessage enqueueSalesOrder(IntegrationName integration, String xml, String orderNumber) {
        int id = ids.incrementAndGet();
        String ack = "https://jakamo.test/api/order/response/" + id + "/ack";
        return enqueueWithHeaders(integration, xml, id, Map.of(MessageHeaders.ACKNOWLEDGE_URI, ack,
                MessageHeaders.ORDER_NUMBER, orderNumber,
                MessageHeaders.CONFIRM_URL, "https://jakamo.test/api/order/" + orderNumber + "/confirm?message=" + id));
    }

    /** A message with exactly these headers besides the acknowledgement URI. */
    public synchronized InboundMessage enqueue(IntegrationName integration, String xml, Map<String, String> headers) {
        int id = ids.incrementAndGet();
        Map<String, String> all = new HashMap<>(headers);
        all.put(MessageHeaders.ACKNOWLEDGE_URI, "https://jakamo.test/api/order/response/" + id + "/ack");
        return enqueueWithHeaders(integration, xml, id, all);
    }

    private InboundMessage enqueueWithHeaders(IntegrationName integration, String xml, int id,
                                              Map<String, String> headers) {
        InboundMessage message = asRead(xml.getBytes(StandardCharsets.UTF_8),
                new AckHandle("https://jakamo.test/api/order/response/" + id + "/ack"), MessageHeaders.of(headers));
        queues.computeIfAbsent(integration, k -> new ArrayDeque<>()).addLast(message);
        return message;
    }

    /** A message the adapter refused to read (say, over the size limit), as it hands one over. */
    public synchronized InboundMessage enqueueRefused(IntegrationName integration, String reason) {
        int id = ids.incrementAndGet();
        AckHandle handle = new AckHandle("https://jakamo.test/api/order/response/" + id + "/ack");
        InboundMessage message = InboundMessage.refused(new byte[0], handle,
                MessageHeaders.of(Map.of(MessageHeaders.ACKNOWLEDGE_URI, handle.value())), reason);
        queues.computeIfAbsent(integration, k -> new ArrayDeque<>()).addLast(message);
        return message;
    }

    public synchronized void offerAttachment(String uri, byte[] bytes) {
        attachments.put(uri, bytes.clone());
    }

    /**
     * Like a Jakamo that mints a new acknowledgement URI on every read: each read of the head carries another handle,
     * and only the one handed out last clears it (an older one answers 404).
     */
    public synchronized void newAcknowledgementUriOnEveryRead() {
        ackUriPerRead = true;
    }

    /** Acknowledgements are refused as the adapter refuses a URI on an untrusted host (nothing is sent), until cleared. */
    public synchronized void refuseAcknowledgementsAsUntrusted(String reason) {
        untrustedAckReason = reason;
    }

    /** The attachment at {@code uri} is on an untrusted host: its download is refused before any request. */
    public synchronized void offerUntrustedAttachment(String uri, String reason) {
        untrustedAttachments.put(uri, reason);
    }

    public synchronized void failNextAcknowledgements(int n) {
        failNextAcks = n;
    }

    /** The next {@code n} acknowledgements clear their message, but their answer is lost (a cut or timed-out answer). */
    public synchronized void loseNextAcknowledgementAnswers(int n) {
        loseNextAckAnswers = n;
    }

    public synchronized void failNextReads(int n) {
        failNextReads = n;
    }

    public synchronized int size(IntegrationName integration) {
        return queues.getOrDefault(integration, new ArrayDeque<>()).size();
    }

    public synchronized List<AckHandle> acknowledgements() {
        return List.copyOf(acknowledgements);
    }

    @Override
    public synchronized Optional<InboundMessage> next(IntegrationName integration) {
        if (failNextReads > 0) {
            failNextReads--;
            throw new JakamoExchangeException(JakamoExchangeException.Reason.TRANSIENT, 503, "queue unavailable",
                    List.of(), null, null);
        }
        Optional<InboundMessage> head = Optional.ofNullable(queues.getOrDefault(integration, new ArrayDeque<>()).peekFirst());
        if (ackUriPerRead && head.isPresent()) {
            InboundMessage m = head.get();
            AckHandle fresh = new AckHandle(m.ackHandle().value() + "?read=" + (++reads));
            issued.put(integration, fresh);
            head = Optional.of(m.refusal().isPresent()
                    ? InboundMessage.refused(m.body(), fresh, m.headers(), m.refusal().get())
                    : m.facts().map(facts -> InboundMessage.read(m.body(), fresh, m.headers(), facts))
                            .orElseGet(() -> new InboundMessage(m.body(), fresh, m.headers())));
        }
        crashes.check(CrashPoints.AFTER_QUEUE_NEXT);
        return head;
    }

    @Override
    public synchronized void acknowledge(IntegrationName integration, AckHandle handle) {
        if (failNextAcks > 0) {
            failNextAcks--;
            throw new JakamoExchangeException(JakamoExchangeException.Reason.TRANSIENT, 503, "ack failed", List.of(),
                    null, null);
        }
        if (untrustedAckReason != null) {
            throw new JakamoExchangeException(JakamoExchangeException.Reason.UNTRUSTED_HOST, 0, untrustedAckReason,
                    List.of(), null, null);
        }
        Deque<InboundMessage> queue = queues.getOrDefault(integration, new ArrayDeque<>());
        acknowledgements.add(handle);
        if (ackUriPerRead) {
            if (queue.isEmpty() || !handle.equals(issued.get(integration))) {
                throw new JakamoExchangeException(JakamoExchangeException.Reason.REFUSED, 404,
                        "acknowledgement URI no longer valid", List.of(), null, null);
            }
            queue.removeFirst();
            issued.remove(integration);
        } else if (!queue.isEmpty() && queue.peekFirst().ackHandle().equals(handle)) {
            queue.removeFirst();
        }
        crashes.check(CrashPoints.AFTER_QUEUE_ACK);
        if (loseNextAckAnswers > 0) {
            loseNextAckAnswers--;
            throw new JakamoExchangeException(JakamoExchangeException.Reason.UNREADABLE_RESPONSE, 200,
                    "the acknowledgement's answer was cut off", List.of(), null, null);
        }
    }

    @Override
    public synchronized byte[] downloadAttachment(IntegrationName integration, String uri) {
        if (untrustedAttachments.containsKey(uri)) {
            throw new JakamoExchangeException(JakamoExchangeException.Reason.UNTRUSTED_HOST, 0,
                    untrustedAttachments.get(uri), List.of(), null, null);
        }
        byte[] bytes = attachments.get(uri);
        if (bytes == null) {
            throw new JakamoExchangeException(JakamoExchangeException.Reason.REFUSED, 404, "no such attachment",
                    List.of(), null, null);
        }
        return bytes.clone();
    }
}
