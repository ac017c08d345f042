package io.jakamoconnector.adapter.notification;

import io.jakamoconnector.domain.model.Check;
import io.jakamoconnector.domain.model.attention.ChannelName;
import io.jakamoconnector.domain.model.attention.Notification;
import io.jakamoconnector.domain.port.out.NotificationFailedException;
import io.jakamoconnector.domain.port.out.NotificationFailedException.Reason;
import io.jakamoconnector.domain.port.out.NotificationPort;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Posts notifications to a chat webhook. The URL of a Teams or Slack webhook is itself the credential, so it is asked
 * for at each send (a rotated secret file is picked up) and never appears in a message or an exception. Redirects are
 * not followed; anything but 2xx is a failure: 408, 429 and 5xx may heal, other answers will not.
 */
public final class HttpWebhookNotificationAdapter implements NotificationPort {
    private final ChannelName channel;
    private final WebhookFormat format;
    private final Supplier<URI> url;
    private final Duration requestTimeout;
    private final HttpClient client;

    /**
     * @param url            where to post; it may throw {@link NotificationFailedException} (reason MISCONFIGURED)
     *                       when the secret that holds it cannot be read
     * @param connectTimeout how long to wait for a connection
     * @param requestTimeout how long to wait for the answer
     */
    public HttpWebhookNotificationAdapter(ChannelName channel, WebhookFormat format, Supplier<URI> url,
                                          Duration connectTimeout, Duration requestTimeout) {
        this.channel = Check.notNull("channel", channel);
        this.format = Check.notNull("format", format);
        this.url = Check.notNull("url", url);
        this.requestTimeout = Check.notNull("requestTimeout", requestTimeout);
        this.client = HttpClient.newBuilder().connectTimeout(Check.notNull("connectTimeout", connectTimeout))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Five seconds to connect, ten for the answer. */
    public HttpWebhookNotificationAdapter(ChannelName channel, WebhookFormat format, Supplier<URI> url) {
        this(channel, format, url, Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    @Override
    public ChannelName channel() {
        return channel;
    }

    @Override
    public void deliver(Notification notification) {
        URI target = url.get();
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(target).timeout(requestTimeout)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("User-Agent", "jakamo-connector")
                    .POST(HttpRequest.BodyPublishers.ofString(format.body(notification), StandardCharsets.UTF_8))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new NotificationFailedException(channel, Reason.MISCONFIGURED, "the webhook URL is not an http(s) "
                    + "URL; correct the channel's url", null, null);
        }
        HttpResponse<Void> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (HttpTimeoutException e) {
            throw new NotificationFailedException(channel, Reason.NETWORK, "the webhook receiver did not answer in "
                    + "time (" + e.getClass().getSimpleName() + "); is it reachable from this host?", null, e);
        } catch (IOException e) {
            throw new NotificationFailedException(channel, Reason.NETWORK, "the webhook receiver at "
                    + target.getHost() + " cannot be reached (" + e.getClass().getSimpleName() + "); check the "
                    + "network, proxy and firewall from this host", null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotificationFailedException(channel, Reason.NETWORK, "interrupted while posting", null, e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return;
        }
        Duration retryAfter = response.headers().firstValue("Retry-After").flatMap(HttpWebhookNotificationAdapter::seconds)
                .orElse(null);
        if (status == 429) {
            throw new NotificationFailedException(channel, Reason.THROTTLED, "the webhook receiver asks to slow down "
                    + "(HTTP 429)", retryAfter, null);
        }
        if (status >= 500 || status == 408) {
            throw new NotificationFailedException(channel, Reason.RECEIVER_UNAVAILABLE, "the webhook receiver failed "
                    + "(HTTP " + status + "); trying again later may help", retryAfter, null);
        }
        throw new NotificationFailedException(channel, Reason.REFUSED, "the webhook receiver refused the message "
                + "(HTTP " + status + "); check the channel's url and type (" + format.name().toLowerCase(
                java.util.Locale.ROOT) + "): a deleted Teams workflow or Slack app answers 4xx", null, null);
    }

    private static java.util.Optional<Duration> seconds(String text) {
        try {
            return java.util.Optional.of(Duration.ofSeconds(Math.min(3600, Math.max(0, Long.parseLong(text.trim())))));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }
}
