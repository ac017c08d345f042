package io.jakamoconnector.adapter.erphttp;

import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.model.document.Sha256;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.plugin.ErpContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes an integration's published messages to the ERP's webhook, oldest first: a 2xx acknowledges the message (as
 * the pull API's ack would), anything else is retried with a doubling delay (from {@code firstRetry} up to an hour).
 * The pull API keeps working beside it. {@code HttpURLConnection}, not {@code java.net.http}: one blocking POST at a
 * time on the pusher's own thread needs nothing more, and the architecture keeps {@code java.net.http} to the
 * adapters that talk to Jakamo and Entra ID.
 */
final class WebhookPusher {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookPusher.class);
    private static final String ACTOR = "erp-webhook";
    private static final Duration MAX_DELAY = Duration.ofHours(1);
    private static final int BATCH = 100;

    private final IntegrationName integration;
    private final MessageInbox inbox;
    private final WebhookSettings settings;
    private final WebhookSecret secret;
    private final ErpContext context;
    private final Duration firstRetry;
    private final Duration timeout;
    private final Map<String, Failures> failures = new HashMap<>();

    private record Failures(int attempts, Instant nextAt) {
    }

    WebhookPusher(IntegrationName integration, MessageInbox inbox, WebhookSettings settings, WebhookSecret secret,
                  ErpContext context, Duration firstRetry, Duration timeout) {
        this.integration = integration;
        this.inbox = inbox;
        this.settings = settings;
        this.secret = secret;
        this.context = context;
        this.firstRetry = firstRetry;
        this.timeout = timeout;
    }

    /** One pass: pushes every published message that is due; returns how many the ERP took. */
    synchronized int pushDue() {
        int pushed = 0;
        try {
            for (MessageInbox.Message m : inbox.after(0, BATCH)) {
                Instant now = context.clock().instant();
                Failures failed = failures.get(m.name());
                if (failed != null && now.isBefore(failed.nextAt())) {
                    continue;
                }
                String outcome;
                int status;
                try {
                    status = post(m, now.getEpochSecond());
                    outcome = "answered " + status;
                } catch (IOException e) {
                    status = -1;
                    outcome = "no answer (" + e.getClass().getSimpleName() + ")";
                }
                if (status >= 200 && status < 300) {
                    inbox.acknowledge(m.name(), now);
                    failures.remove(m.name());
                    audit(AuditAction.MESSAGE_PUSHED, AuditOutcome.OK, m, "pushed to " + settings.shown() + ", "
                            + outcome);
                    pushed++;
                } else {
                    int attempts = failed == null ? 1 : failed.attempts() + 1;
                    Duration delay = delay(attempts);
                    failures.put(m.name(), new Failures(attempts, now.plus(delay)));
                    String reason = "push to " + settings.shown() + " " + outcome + ", attempt " + attempts
                            + "; next in " + delay.toSeconds() + " s; the pull API still offers it";
                    audit(AuditAction.MESSAGE_PUSH_FAILED, AuditOutcome.RETRY, m, reason);
                    if (attempts >= 5) {
                        LOG.warn("ERP webhook of {}: message {}: {}", integration, m.name(), reason);
                    } else {
                        LOG.info("ERP webhook of {}: message {}: {}", integration, m.name(), reason);
                    }
                }
            }
        } catch (IOException e) {
            LOG.warn("ERP webhook of {}: cannot read the inbox: {}", integration, e.toString());
        }
        return pushed;
    }

    private Duration delay(int attempts) {
        Duration d = firstRetry.multipliedBy(1L << Math.min(attempts - 1, 20));
        return d.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : d;
    }

    private int post(MessageInbox.Message m, long timestamp) throws IOException {
        HttpURLConnection c = (HttpURLConnection) settings.url().toURL().openConnection();
        try {
            c.setRequestMethod("POST");
            c.setInstanceFollowRedirects(false);
            c.setConnectTimeout((int) timeout.toMillis());
            c.setReadTimeout((int) timeout.toMillis());
            c.setDoOutput(true);
            c.setFixedLengthStreamingMode(m.body().length);
            c.setRequestProperty("Content-Type", m.contentType());
            c.setRequestProperty("X-Jakamo-Message-Id", m.name());
            c.setRequestProperty("X-Jakamo-Timestamp", Long.toString(timestamp));
            c.setRequestProperty("X-Jakamo-Signature", secret.signature(timestamp, m.body()));
            try (OutputStream out = c.getOutputStream()) {
                out.write(m.body());
            }
            int status = c.getResponseCode();
            try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
                if (in != null) {
                    in.readNBytes(64 * 1024);
                }
            }
            return status;
        } finally {
            c.disconnect();
        }
    }

    private void audit(AuditAction action, AuditOutcome outcome, MessageInbox.Message m, String reason) {
        AuditEvent.Builder event = AuditEvent.builder(action, outcome).actor(ACTOR).integration(integration)
                .fileName(m.name()).sha256(Sha256.of(m.body())).reason(reason);
        context.audit(event);
    }
}
