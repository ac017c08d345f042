package io.jakamoconnector.adapter.erphttp;

import io.jakamoconnector.domain.model.Check;
import java.net.URI;

/** Where published messages are pushed ({@code erp.webhook}) and where the HMAC key is kept. */
record WebhookSettings(URI url, SecretReference secret) {
    WebhookSettings {
        Check.notNull("webhook.url", url);
        Check.notNull("webhook.secret", secret);
    }

    /** The URL without query or user info, for logs and the audit trail: a query may carry a token. */
    String shown() {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + (url.getRawPath() == null ? "" : url.getRawPath());
    }
}
