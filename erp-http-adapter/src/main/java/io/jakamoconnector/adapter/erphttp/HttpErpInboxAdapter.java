package io.jakamoconnector.adapter.erphttp;

import io.jakamoconnector.domain.model.document.Document;
import io.jakamoconnector.domain.model.document.DocumentType;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.sync.DedupKey;
import io.jakamoconnector.domain.port.out.ErpInboxPort;
import java.io.IOException;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps what the core delivers for the ERP in the integration's inbox until the ERP fetched and acknowledged it. A
 * message's name (its id in the API) comes from its dedup key, so the same message staged or delivered again is the
 * same message; once published or acknowledged it is never shown again.
 */
public final class HttpErpInboxAdapter implements ErpInboxPort {
    private static final Pattern EXTENSION = Pattern.compile(".*\\.([A-Za-z0-9]{1,10})");
    private static final Map<String, String> TYPES = Map.of("pdf", "application/pdf", "xml", "application/xml",
            "png", "image/png", "jpg", "image/jpeg", "jpeg", "image/jpeg", "txt", "text/plain", "zip",
            "application/zip");
    private final Spools spools;
    private final Clock clock;
    private final java.util.function.Consumer<IntegrationName> published;

    HttpErpInboxAdapter(Spools spools, Clock clock) {
        this(spools, clock, integration -> { });
    }

    /** @param published told after a message was published, so a webhook pushes it without waiting for its tick */
    HttpErpInboxAdapter(Spools spools, Clock clock, java.util.function.Consumer<IntegrationName> published) {
        this.spools = spools;
        this.clock = clock;
        this.published = published;
    }

    @Override
    public String deliver(IntegrationName integration, Document document, DedupKey key) {
        String name = stage(integration, document, key);
        publish(integration, name);
        return name;
    }

    @Override
    public String deliverAttachment(IntegrationName integration, Document document, DedupKey key,
                                    String originalFileName) {
        String name = stageAttachment(integration, document, key, originalFileName);
        publish(integration, name);
        return name;
    }

    @Override
    public String stage(IntegrationName integration, Document document, DedupKey key) {
        String extension = document.type() == DocumentType.ATTACHMENT ? "bin" : "xml";
        return stage(integration, document, key, extension);
    }

    @Override
    public String stageAttachment(IntegrationName integration, Document document, DedupKey key,
                                  String originalFileName) {
        Matcher m = EXTENSION.matcher(originalFileName == null ? "" : originalFileName);
        return stage(integration, document, key, m.matches() ? m.group(1).toLowerCase(Locale.ROOT) : "bin");
    }

    private String stage(IntegrationName integration, Document document, DedupKey key, String extension) {
        MessageInbox inbox = spools.inbox(integration);
        String name = key.value().substring(0, 32) + "." + extension;
        String contentType = document.type() == DocumentType.ATTACHMENT
                ? TYPES.getOrDefault(extension, "application/octet-stream") : "application/xml";
        try {
            inbox.stage(name, document, contentType, clock.instant());
        } catch (IOException e) {
            throw AccessFailures.of("stage a message for integration " + integration, e);
        }
        return name;
    }

    @Override
    public void publish(IntegrationName integration, String name) {
        MessageInbox inbox = spools.inbox(integration);
        try {
            inbox.publish(Spools.checkedName(name));
        } catch (IOException e) {
            throw AccessFailures.of("publish message " + name + " for integration " + integration, e);
        }
        published.accept(integration);
    }
}
