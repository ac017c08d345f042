package io.jakamoconnector.adapter.jakamo;

import io.jakamoconnector.domain.model.Check;
import io.jakamoconnector.domain.model.document.DocumentReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Doctor's check of {@code jakamo.paths}: one read of the integration's queue with its bearer token, telling an answer
 * like a Jakamo queue from a bare 404 (a wrong path behind a front end) and anything else. The head message is never
 * read nor acknowledged.
 */
final class QueuePathProbe {
    private static final Logger LOG = LoggerFactory.getLogger(HttpJakamoProbeAdapter.class);

    private final ProbeRequests requests;

    QueuePathProbe(ProbeRequests requests) {
        this.requests = requests;
    }

    /**
     * One read of the integration's queue with its bearer token (from the token port, over this probe's own client,
     * redirects never followed, only to the API base URL): does the path answer like a Jakamo queue? A 2xx body (the
     * head message) is closed unread and never acknowledged, so the queue is unchanged; only a 404's body is read, at
     * most 16 KiB, to tell Jakamo's {@code <status>} answer from a bare 404.
     *
     * @param bearerToken the integration's access token value; never logged
     */
    QueuePathAnswer probeQueuePath(JakamoIntegration integration, String bearerToken) {
        Check.notBlank("token", bearerToken);
        URI uri = ProbeRequests.queue(integration);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(requests.requestTimeout()).GET()
                .header("Authorization", "Bearer " + bearerToken).header("Accept", "application/xml")
                .header("User-Agent", ProbeRequests.USER_AGENT).build();
        HttpResponse<InputStream> response;
        try {
            response = requests.http().send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return logPath(integration, new QueuePathAnswer(QueuePathAnswer.Verdict.OTHER, uri, 0, "interrupted"));
        } catch (IOException | RuntimeException e) {
            return logPath(integration, new QueuePathAnswer(QueuePathAnswer.Verdict.OTHER, uri, 0,
                    "no answer: " + requests.describe(e)));
        }
        int status = response.statusCode();
        if ((status >= 200 && status < 300)) {
            ProbeRequests.closeUnread(response.body());
            return logPath(integration, new QueuePathAnswer(QueuePathAnswer.Verdict.LIKE_A_QUEUE, uri, status,
                    "answered " + status + " " + StatusText.of(status) + " (body not read)"));
        }
        if (status != 404) {
            ProbeRequests.closeUnread(response.body());
            return logPath(integration, new QueuePathAnswer(QueuePathAnswer.Verdict.OTHER, uri, status,
                    "answered " + status + " " + StatusText.of(status)));
        }
        byte[] body = requests.head(response);
        if (body != null && body.length == 0) {
            return logPath(integration, new QueuePathAnswer(QueuePathAnswer.Verdict.BARE_404, uri, 404,
                    "answered 404 without a body"));
        }
        boolean statusReply;
        try {
            statusReply = body != null && "status".equalsIgnoreCase(
                    new DocumentReader(ProbeRequests.PAGE_CAP).read(body).rootLocalName());
        } catch (io.jakamoconnector.domain.model.document.UnreadableDocumentException e) {
            statusReply = false;
        }
        return logPath(integration, new QueuePathAnswer(statusReply ? QueuePathAnswer.Verdict.LIKE_A_QUEUE
                : QueuePathAnswer.Verdict.OTHER, uri, 404, statusReply ? "answered 404 with a <status> body (an empty "
                + "queue)" : "answered 404 with a body that is no <status>"));
    }

    private static QueuePathAnswer logPath(JakamoIntegration integration, QueuePathAnswer a) {
        LOG.info("jakamo {} queue-path probe GET {} (bearer token): {} ({}), nothing acknowledged", integration.name(),
                JakamoUris.logPath(a.probed()), a.verdict(), a.detail());
        return a;
    }
}
