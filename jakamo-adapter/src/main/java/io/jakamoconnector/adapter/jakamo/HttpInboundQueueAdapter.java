package io.jakamoconnector.adapter.jakamo;

import io.jakamoconnector.domain.model.InvalidValueException;
import io.jakamoconnector.domain.model.document.DocumentFacts;
import io.jakamoconnector.domain.model.document.UnreadableDocumentException;
import io.jakamoconnector.domain.model.exchange.AckHandle;
import io.jakamoconnector.domain.model.exchange.InboundMessage;
import io.jakamoconnector.domain.model.exchange.IntegrationKind;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.exchange.MessageHeaders;
import io.jakamoconnector.domain.port.out.InboundQueuePort;
import io.jakamoconnector.domain.port.out.JakamoExchangeException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An integration's Jakamo queue over HTTPS: {@code GET} the head (the order queue, or the claim queue for a claims
 * integration), acknowledge it with an empty {@code POST} to its {@code X-Acknowledge-Uri}, download the files
 * attachment messages announce.
 *
 * <p>The empty queue is recognised in each documented form: 204; 404 with no body or a {@code <status>} body; 200
 * whose body's root element is {@code status} and which carries no acknowledgement URI. The body is parsed for that by
 * the domain's reader, never searched for words, so an order whose note says "No more messages available" still
 * arrives. A message is handed over with its exact bytes even when it is not readable XML (the core quarantines it
 * and acknowledges, so a poison message cannot block the queue); but since a body can also be damaged on the way, a
 * body that is not well-formed is fetched once more first, and only handed over when Jakamo sends the same bytes again.
 */
public final class HttpInboundQueueAdapter implements InboundQueuePort {
    private static final Logger LOG = LoggerFactory.getLogger(HttpInboundQueueAdapter.class);
    private static final String XML = "application/xml";

    private final JakamoApiClient api;

    public HttpInboundQueueAdapter(JakamoApiClient api) {
        this.api = api;
    }

    @Override
    public Optional<InboundMessage> next(IntegrationName integration) {
        JakamoIntegration config = api.integration(integration);
        Head first = readHead(config);
        if (!(first instanceof Message message)) {
            return Optional.empty();
        }
        if (!message.maybeDamaged()) {
            return Optional.of(message.message());
        }
        LOG.warn("jakamo {}: the queue's head is not well-formed XML ({}); reading it once more in case it was damaged "
                + "on the way", integration, message.problem());
        Head second = readHead(config);
        if (!(second instanceof Message again)) {
            LOG.warn("jakamo {}: the queue was empty on the second read; the malformed head is gone", integration);
            return Optional.empty();
        }
        if (Arrays.equals(message.body(), again.body()) || !again.maybeDamaged()) {
            return Optional.of(again.message());
        }
        throw new JakamoExchangeException(JakamoExchangeException.Reason.UNREADABLE_RESPONSE, 200,
                integration + ": the queue's head arrived malformed twice, with different bytes each time; "
                        + "it was not taken and stays at the head of the queue", List.of(), null, null);
    }

    @Override
    public void acknowledge(IntegrationName integration, AckHandle handle) {
        JakamoIntegration config = api.integration(integration);
        URI uri = JakamoUris.onJakamoHost(config, handle.value(), "acknowledgement URI");
        JakamoCall call = new JakamoCall(config, "acknowledgement", "POST", uri, null, null, XML, true,
                api.smallCap());
        JakamoResponse response = exchange(call);
        if (response.isSuccess()) {
            LOG.debug("jakamo {}: acknowledged {}", integration, JakamoUris.logPath(uri));
            return;
        }
        if (response.status() == 404 && response.earlierAttemptMayHaveArrived()) {
            // the first attempt's answer was lost; the 404 says it had already cleared the message
            LOG.info("jakamo {}: acknowledgement answered 404 after an earlier attempt that may have arrived; "
                    + "taking the message as cleared", integration);
            return;
        }
        throw FailureMapper.refusal(call, response, api.now());
    }

    @Override
    public byte[] downloadAttachment(IntegrationName integration, String uri) {
        JakamoIntegration config = api.integration(integration);
        URI target = JakamoUris.onJakamoHost(config, uri, "attachment URI");
        JakamoCall call = new JakamoCall(config, "attachment download", "GET", target, null, null, "*/*", true,
                api.attachmentCap(integration));
        JakamoResponse response = exchange(call);
        if (!response.isSuccess()) {
            throw FailureMapper.refusal(call, response, api.now());
        }
        if (response.body() == null) {
            // waiting will not make it smaller: refuse for good, so the announcement is quarantined, not retried
            throw new JakamoExchangeException(JakamoExchangeException.Reason.REFUSED, response.status(), integration
                    + ": the attachment at " + JakamoUris.logPath(target) + " is larger than "
                    + config.options().maxAttachmentBytes() + " bytes (maxAttachmentBytes); not downloaded",
                    List.of(), null, null);
        }
        return response.body();
    }

    // ---- reading the head ----

    private Head readHead(JakamoIntegration config) {
        String path = config.kind() == IntegrationKind.CLAIMS ? config.options().paths().claimQueue()
                : config.options().paths().orderQueue();
        JakamoCall call = new JakamoCall(config, "queue read", "GET", JakamoUris.endpoint(config, path), null, null,
                XML, true, api.reader());
        JakamoResponse response = exchange(call);
        int status = response.status();
        if (status == 204) {
            api.queueAnswered(config.name());
            return Empty.INSTANCE;
        }
        if (status == 404) {
            if (response.body() != null && response.body().length == 0) {
                // what Jakamo documents for an empty queue is a <status> body; a front end says this for a wrong path
                api.queueBare404(config.name());
                return Empty.INSTANCE;
            }
            if (response.body() != null && isStatusReply(response.body())) {
                api.queueAnswered(config.name());
                return Empty.INSTANCE;
            }
            throw FailureMapper.refusal(call, response, api.now());
        }
        if (!response.isSuccess()) {
            throw FailureMapper.refusal(call, response, api.now());
        }
        byte[] body = response.body();
        Optional<String> ack = response.headers().firstValue(MessageHeaders.ACKNOWLEDGE_URI).filter(v -> !v.isBlank());
        if (body == null) {
            return oversize(config, call, status, ack, response);
        }
        DocumentFacts facts = null;
        UnreadableDocumentException problem = null;
        if (body.length > 0) {
            try {
                facts = api.reader().read(body);
            } catch (UnreadableDocumentException e) {
                problem = e;
            }
        }
        if (facts != null && isStatusRoot(facts) && ack.isEmpty()) {
            String text = facts.childTexts().getOrDefault("", "");
            if (!text.toLowerCase(Locale.ROOT).startsWith("no more messages")) {
                LOG.warn("jakamo {}: the queue answered {} with <status>{}</status> and no acknowledgement URI; "
                        + "taken as empty", config.name(), status, Text.clean(text, 120));
            }
            api.queueAnswered(config.name());
            return Empty.INSTANCE;
        }
        if (ack.isEmpty()) {
            throw FailureMapper.unreadable(call, status, body.length == 0
                    ? "with an empty body and no X-Acknowledge-Uri, which is no empty-queue answer Jakamo documents"
                    : "with a message (" + body.length + " bytes) but no X-Acknowledge-Uri header: a message that "
                            + "cannot be acknowledged is not taken, and stays at the head of the queue");
        }
        AckHandle handle;
        try {
            handle = new AckHandle(ack.get().strip());
        } catch (InvalidValueException e) {
            throw FailureMapper.unreadable(call, status, "with an unusable X-Acknowledge-Uri (" + e.rule() + ")");
        }
        try {
            JakamoUris.onJakamoHost(config, handle.value(), "acknowledgement URI");
        } catch (JakamoExchangeException e) {
            LOG.warn("jakamo {}: a message's acknowledgement URI is not on the Jakamo host; acknowledging it will be "
                    + "refused: {}", config.name(), e.getMessage());
        }
        api.queueAnswered(config.name());
        // the reading goes along, so the core does not parse the body again
        InboundMessage message = facts != null ? InboundMessage.read(body, handle, headers(response.headers()), facts)
                : new InboundMessage(body, handle, headers(response.headers()));
        boolean damaged = problem != null && (problem.reason() == UnreadableDocumentException.Reason.NOT_WELL_FORMED
                || problem.reason() == UnreadableDocumentException.Reason.EMPTY);
        LOG.debug("jakamo {}: queue head {} ({} bytes{})", config.name(), message.sha256().shortForm(), body.length,
                facts != null ? ", " + facts.type().label() : "");
        return new Message(message, body, damaged, problem == null ? null : problem.getMessage());
    }

    /**
     * A head over the size limit was not read. Waiting will not make it smaller, so rather than block the queue it is
     * handed over as refused: the core quarantines it with the reason and acknowledges it.
     */
    private Head oversize(JakamoIntegration config, JakamoCall call, int status, Optional<String> ack,
                          JakamoResponse response) {
        String reason = "the message was not read: " + response.bodyProblem();
        if (ack.isEmpty()) {
            throw FailureMapper.unreadable(call, status, "with a message over the size limit and no X-Acknowledge-Uri "
                    + "header: it cannot be quarantined, and stays at the head of the queue");
        }
        AckHandle handle;
        try {
            handle = new AckHandle(ack.get().strip());
        } catch (InvalidValueException e) {
            throw FailureMapper.unreadable(call, status, "with an unusable X-Acknowledge-Uri (" + e.rule() + ")");
        }
        LOG.warn("jakamo {}: the queue's head is over the size limit; handing it over to be quarantined: {}",
                config.name(), response.bodyProblem());
        InboundMessage refused = InboundMessage.refused(new byte[0], handle, headers(response.headers()), reason);
        return new Message(refused, new byte[0], false, reason);
    }

    private boolean isStatusReply(byte[] body) {
        try {
            return isStatusRoot(api.reader().read(body));
        } catch (UnreadableDocumentException e) {
            return false;
        }
    }

    private static boolean isStatusRoot(DocumentFacts facts) {
        return "status".equalsIgnoreCase(facts.rootLocalName());
    }

    /** Jakamo's own headers and the acknowledgement URI; nothing else (no cookies, no server's internals). */
    private static MessageHeaders headers(HttpHeaders headers) {
        Map<String, String> kept = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.map().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!values.isEmpty() && (lower.startsWith("jakamo-") || lower.equals("x-acknowledge-uri")
                    || lower.equals("content-type"))) {
                kept.put(canonical(lower), Text.clean(values.get(0), 2048));
            }
        });
        return MessageHeaders.of(kept);
    }

    private static String canonical(String lower) {
        for (String known : new String[] {MessageHeaders.ACKNOWLEDGE_URI, MessageHeaders.ORDER_NUMBER,
                MessageHeaders.CONFIRM_URL, "Content-Type"}) {
            if (known.equalsIgnoreCase(lower)) {
                return known;
            }
        }
        return lower;
    }

    private JakamoResponse exchange(JakamoCall call) {
        try {
            return api.exchange(call);
        } catch (AttemptFailure failure) {
            throw FailureMapper.failure(call, failure);
        }
    }

    private sealed interface Head permits Empty, Message {
    }

    private enum Empty implements Head {
        INSTANCE
    }

    private record Message(InboundMessage message, byte[] body, boolean maybeDamaged, String problem) implements Head {
    }
}
