package io.jakamoconnector.adapter.jakamo;

import io.jakamoconnector.domain.model.InvalidValueException;
import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.document.Document;
import io.jakamoconnector.domain.model.document.DocumentFacts;
import io.jakamoconnector.domain.model.document.DocumentType;
import io.jakamoconnector.domain.model.document.UnreadableDocumentException;
import io.jakamoconnector.domain.model.exchange.ConfirmUrl;
import io.jakamoconnector.domain.model.exchange.IntegrationKind;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.exchange.OutgoingDocument;
import io.jakamoconnector.domain.model.exchange.RetryAfter;
import io.jakamoconnector.domain.model.exchange.SendOutcome;
import io.jakamoconnector.domain.port.out.JakamoExchangeException;
import io.jakamoconnector.domain.port.out.OutboundExchangePort;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Sends documents to Jakamo, choosing the endpoint by the document's type (decided by the domain's reader from the
 * root element) and the integration's kind, with exactly the bytes the ERP handed over.
 *
 * <table>
 *   <caption>Endpoints</caption>
 *   <tr><th>Document</th><th>Request</th></tr>
 *   <tr><td>Order</td><td>POST /api/order</td></tr>
 *   <tr><td>OrderChange, StatusMessage</td><td>POST (or PUT, configurable) /api/order/{order number}</td></tr>
 *   <tr><td>OrderResponse</td><td>POST /api/orderresponse</td></tr>
 *   <tr><td>attachment</td><td>POST /api/order/{order number}/attachment, multipart part "Attachment"</td></tr>
 *   <tr><td>Claim</td><td>POST /api/claim (path configurable)</td></tr>
 *   <tr><td>ClaimChange, claim StatusMessage</td><td>POST (or PUT) /api/claim/{claim number} (configurable)</td></tr>
 *   <tr><td>ConfirmAllChanges (the connector's instruction)</td><td>empty POST to the Jakamo-Confirm-Url of the order's
 *   last queue message, through {@link #confirmAllChanges}</td></tr>
 * </table>
 *
 * <p>Outcomes: 2xx is {@link SendOutcome.Accepted}; a 4xx refusal of the document is {@link SendOutcome.Rejected}
 * with Jakamo's messages; "not now" (408, 429, 503, or no connection at all) is retried within the call and then
 * {@link SendOutcome.Deferred}; a request that may have reached Jakamo and whose answer was lost (a timeout or reset
 * after the body was written, a 5xx other than 503, a redirect) is {@link SendOutcome.InDoubt} and is never repeated,
 * since Jakamo has no idempotency key. 401 after one renewed token and 403 throw {@link JakamoExchangeException}:
 * they are about the credential, not the document.
 */
public final class HttpOutboundExchangeAdapter implements OutboundExchangePort {
    private static final Logger LOG = LoggerFactory.getLogger(HttpOutboundExchangeAdapter.class);
    private static final String XML = "application/xml";

    private final JakamoApiClient api;
    private final AttachmentContentTypes contentTypes;

    public HttpOutboundExchangeAdapter(JakamoApiClient api) {
        this(api, AttachmentContentTypes.jakamos());
    }

    /** @param contentTypes what each attachment's part declares, by its extension */
    public HttpOutboundExchangeAdapter(JakamoApiClient api, AttachmentContentTypes contentTypes) {
        this.api = api;
        this.contentTypes = Objects.requireNonNull(contentTypes, "contentTypes");
    }

    @Override
    public SendOutcome send(IntegrationName integration, OutgoingDocument outgoing) {
        JakamoIntegration config = api.integration(integration);
        Document document = outgoing.document();
        DocumentType type = document.type();
        if (!config.kind().sends(type)) {
            return refusedHere(integration, outgoing, "a " + config.kind().configName() + " integration does not send " + type.label()
                    + " documents");
        }
        if (type == DocumentType.CONFIRM_ALL_CHANGES) {
            // the connector's own instruction has no body for Jakamo: it is a confirmAllChanges to a message's URL
            return refusedHere(integration, outgoing, "a ConfirmAllChanges instruction is not a Jakamo document; the sender resolves it "
                    + "to the order's Jakamo-Confirm-Url and calls confirmAllChanges");
        }
        Optional<JakamoCall> call;
        try {
            call = call(config, outgoing);
        } catch (InvalidValueException e) {
            return refusedHere(integration, outgoing, e.getMessage());
        }
        if (call.isEmpty()) {
            return refusedHere(integration, outgoing, type.label() + " " + outgoing.ref() + " names no "
                    + (config.kind() == IntegrationKind.CLAIMS ? "claim" : "order") + " number, so it has no endpoint");
        }
        Sent sent = sent(call.get());
        SendOutcome outcome = sent.outcome();
        if (isChange(type) && sent.allow().isPresent()) {
            outcome = otherVerb(config, call.get(), outcome, sent.allow().get());
        }
        // a refusal or a doubt needs a person (WARN); "not now" is retried by the domain, which says when it is dead
        Level level = outcome instanceof SendOutcome.Rejected || outcome instanceof SendOutcome.InDoubt ? Level.WARN
                : Level.INFO;
        LOG.atLevel(level).log("jakamo {}: {} {} ({} bytes, sha256 {}): {}", integration, type.label(),
                document.businessKey().map(BusinessKey::value).orElse("-"), document.size(),
                document.sha256().shortForm(), describe(outcome));
        return outcome;
    }

    /** Ready when the integration's token can be had (from the cache, almost always); otherwise its failure. */
    @Override
    public void checkReady(IntegrationName integration) {
        api.requireToken(integration);
    }

    /**
     * Accepts every change Jakamo proposes to a sales order without an OrderResponse: an empty {@code POST} to the
     * queue message's {@code Jakamo-Confirm-Url}, which must be on the Jakamo host ({@code FOREIGN_URI} otherwise,
     * before any connection). Repeating it is harmless, so any failure that is not a refusal is retried and ends
     * {@link SendOutcome.Deferred}, never in doubt.
     */
    @Override
    public SendOutcome confirmAllChanges(IntegrationName integration, ConfirmUrl confirmUrl) {
        JakamoIntegration config = api.integration(integration);
        URI uri = JakamoUris.onJakamoHost(config, confirmUrl.value(), "confirmation URL");
        JakamoCall call = new JakamoCall(config, "confirm-all", "POST", uri, new byte[0], XML, XML, true,
                api.smallCap());
        SendOutcome outcome = send(call);
        LOG.info("jakamo {}: confirm-all {}: {}", integration, JakamoUris.logPath(uri), describe(outcome));
        return outcome;
    }

    private Optional<JakamoCall> call(JakamoIntegration config, OutgoingDocument outgoing) {
        Document document = outgoing.document();
        JakamoPaths paths = config.options().paths();
        String change = config.options().changeMethod().name();
        Optional<String> key = document.businessKey().map(BusinessKey::value);
        byte[] bytes = document.bytes();
        String label = document.type().label() + document.businessKey().map(k -> " " + k.value()).orElse("");
        return switch (document.type()) {
            case ORDER -> Optional.of(xml(config, label, "POST", JakamoUris.endpoint(config, paths.order()), bytes));
            case ORDER_RESPONSE -> Optional.of(xml(config, label, "POST",
                    JakamoUris.endpoint(config, paths.orderResponse()), bytes));
            case CLAIM -> Optional.of(xml(config, label, "POST", JakamoUris.endpoint(config, paths.claim()), bytes));
            case ORDER_CHANGE -> key.map(id -> xml(config, label, change,
                    JakamoUris.endpoint(config, paths.orderChange(), id), bytes));
            case CLAIM_CHANGE -> key.map(id -> xml(config, label, change,
                    JakamoUris.endpoint(config, paths.claimChange(), id), bytes));
            case STATUS_MESSAGE -> key.map(id -> xml(config, label, change, JakamoUris.endpoint(config,
                    config.kind() == IntegrationKind.CLAIMS ? paths.claimChange() : paths.orderChange(), id), bytes));
            case ATTACHMENT -> key.map(id -> {
                MultipartBody multipart = MultipartBody.of(outgoing.fileName(), bytes, contentTypes);
                return new JakamoCall(config, "attachment " + MultipartBody.baseName(outgoing.fileName()) + " for "
                        + id, "POST", JakamoUris.endpoint(config, paths.orderAttachment(), id), multipart.bytes(),
                        multipart.contentType(), XML, false, api.smallCap());
            });
            case CLAIM_RESPONSE, CONFIRM_ALL_CHANGES, UNKNOWN -> throw new IllegalStateException(
                    "no integration kind sends " + document.type().label() + " documents");
        };
    }

    private JakamoCall xml(JakamoIntegration config, String what, String method, URI uri, byte[] bytes) {
        return new JakamoCall(config, what, method, uri, bytes, XML, XML, false, api.smallCap());
    }

    private SendOutcome send(JakamoCall call) {
        return sent(call).outcome();
    }

    /** An outcome, with the {@code Allow} header of a 405 (nothing was processed, another verb may work). */
    private record Sent(SendOutcome outcome, Optional<String> allow) {
        Sent(SendOutcome outcome) {
            this(outcome, Optional.empty());
        }
    }

    private Sent sent(JakamoCall call) {
        JakamoResponse response;
        try {
            response = api.exchange(call);
        } catch (AttemptFailure failure) {
            return new Sent(switch (failure.kind()) {
                case NOT_SENT, STATUS -> new SendOutcome.Deferred(failure.getMessage(),
                        Optional.ofNullable(failure.retryAfter()));
                case MAYBE_SENT, BODY -> call.repeatable()
                        ? new SendOutcome.Deferred(failure.getMessage(), Optional.ofNullable(failure.retryAfter()))
                        : new SendOutcome.InDoubt(failure.getMessage());
            });
        }
        int status = response.status();
        if (response.isSuccess()) {
            return new Sent(new SendOutcome.Accepted("HTTP " + status, reference(response)));
        }
        if (status == 403) {
            throw FailureMapper.refusal(call, response, api.now());
        }
        if (status >= 500 || (status >= 300 && status < 400)) {
            String detail = call.what() + " answered " + status + " " + StatusText.of(status)
                    + JakamoApiClient.suffix(response.messages());
            if (call.repeatable()) {
                return new Sent(new SendOutcome.Deferred(detail, retryAfter(call, response)));
            }
            return new Sent(new SendOutcome.InDoubt(detail + (status < 400 ? "; the redirect was not followed" : "")
                    + "; Jakamo may or may not have taken it"));
        }
        return new Sent(new SendOutcome.Rejected("HTTP " + status, rejection(call, response)),
                status == 405 ? response.headers().firstValue("Allow") : Optional.empty());
    }

    private static boolean isChange(DocumentType type) {
        return type == DocumentType.ORDER_CHANGE || type == DocumentType.CLAIM_CHANGE
                || type == DocumentType.STATUS_MESSAGE;
    }

    /**
     * Jakamo's documents disagree on the verb for changes and status messages (POST in its code, PUT in its 2018 text).
     * A 405 means the request was not processed, so when its {@code Allow} names the other verb the document is sent
     * once more with it, and a WARN says which verb works and the key that sets it, so the next one needs one request.
     */
    private SendOutcome otherVerb(JakamoIntegration config, JakamoCall refused, SendOutcome first, String allow) {
        String other = refused.method().equals("POST") ? "PUT" : "POST";
        if (java.util.Arrays.stream(allow.split(","))
                .noneMatch(v -> v.strip().equalsIgnoreCase(other))) {
            return first;
        }
        JakamoCall retry = new JakamoCall(config, refused.what(), other, refused.uri(), refused.body(),
                refused.contentType(), refused.accept(), refused.repeatable(), refused.successCap());
        SendOutcome outcome = send(retry);
        if (outcome instanceof SendOutcome.Accepted) {
            LOG.warn("jakamo {}: {} was refused with 405 for {} (Allow: {}) and accepted with {}: set "
                    + "integrations[{}].jakamo.changeMethod: {} so changes and status messages go with {} at once",
                    config.name(), refused.what(), refused.method(), Text.clean(allow, 60), other,
                    config.name(), other, other);
        }
        return outcome;
    }

    private List<String> rejection(JakamoCall call, JakamoResponse response) {
        if (response.status() == 405) {
            Optional<String> allow = response.headers().firstValue("Allow");
            if (allow.isPresent()) {
                List<String> messages = new java.util.ArrayList<>(response.messages());
                messages.add(call.method() + " is not allowed here, " + Text.clean(allow.get(), 60)
                        + " is: set integrations[" + call.integration().name() + "].jakamo.changeMethod accordingly");
                return List.copyOf(messages);
            }
        }
        if (response.messages().isEmpty()) {
            return List.of(StatusText.of(response.status()) + " (no explanation in the answer)");
        }
        return response.messages();
    }

    private Optional<Duration> retryAfter(JakamoCall call, JakamoResponse response) {
        return response.headers().firstValue("Retry-After").flatMap(v -> RetryAfter.parse(v, api.now(),
                call.integration().options().longestRetryAfter()));
    }

    /** What Jakamo said it made of the document: a Location, or the short text of its reply. */
    private String reference(JakamoResponse response) {
        Optional<String> location = response.headers().firstValue("Location");
        if (location.isPresent()) {
            return Text.clean(location.get(), 200);
        }
        byte[] body = response.body();
        if (body == null || body.length == 0) {
            return "";
        }
        try {
            DocumentFacts facts = api.smallCap().read(body);
            String text = facts.childTexts().getOrDefault("", "");
            return Text.clean(text.isBlank() ? facts.rootLocalName() : text, 200);
        } catch (UnreadableDocumentException e) {
            return "";
        }
    }

    /** Refused before anything went out: a person must correct the document, so WARN like Jakamo's refusals. */
    private static SendOutcome refusedHere(IntegrationName integration, OutgoingDocument outgoing, String why) {
        LOG.warn("jakamo {}: {} {} refused locally, not sent to Jakamo: {}", integration,
                outgoing.document().type().label(), outgoing.ref(), why);
        return new SendOutcome.Rejected("", List.of("not sent: " + why));
    }

    private static String describe(SendOutcome outcome) {
        if (outcome instanceof SendOutcome.Accepted a) {
            return "accepted (" + a.answer() + ")";
        }
        if (outcome instanceof SendOutcome.Rejected r) {
            return "rejected" + (r.answer().isEmpty() ? "" : " (" + r.answer() + ")") + " "
                    + String.join("; ", r.messages());
        }
        if (outcome instanceof SendOutcome.Deferred d) {
            return "deferred: " + d.reason();
        }
        return "IN DOUBT: " + ((SendOutcome.InDoubt) outcome).detail();
    }
}
