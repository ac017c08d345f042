package io.jakamoconnector.adapter.jakamo;

import io.jakamoconnector.adapter.jakamo.HttpJakamoProbeAdapter.Reachability;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Doctor's reachability probe: resolves the API host, then asks for the integration's queue <em>without any
 * credential</em>, and tells a DNS failure, a refused or silent connection, an untrusted certificate or a name
 * mismatch, a proxy's page or a redirect apart from Jakamo's 401. Only a body that cannot be a queue message is read.
 */
final class ReachabilityProbe {
    private static final Logger LOG = LoggerFactory.getLogger(HttpJakamoProbeAdapter.class);
    private static final String TRUNCATED = "the body was cut off or did not arrive in time";

    private final ProbeRequests requests;
    private final ErrorBodyMapper pages;

    ReachabilityProbe(ProbeRequests requests, ErrorBodyMapper pages) {
        this.requests = requests;
        this.pages = pages;
    }

    /** Resolves the host and asks for the queue without a credential; never throws for a network failure. */
    Reachability reachability(JakamoIntegration integration) {
        URI uri = ProbeRequests.queue(integration);
        List<String> addresses = List.of();
        if (direct(uri)) {   // through a proxy, the proxy resolves the name
            try {
                addresses = Arrays.stream(InetAddress.getAllByName(integration.apiBaseUrl().getHost()))
                        .map(InetAddress::getHostAddress).distinct().toList();
            } catch (UnknownHostException e) {
                return log(integration, new Reachability(Reachability.Outcome.DNS_FAILURE, uri, List.of(), 0, null,
                        integration.host() + " does not resolve" + ProbeRequests.message(e)));
            }
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(requests.requestTimeout()).GET()
                .header("Accept", "application/xml").header("User-Agent", ProbeRequests.USER_AGENT).build();
        long started = System.nanoTime();
        HttpResponse<InputStream> response;
        try {
            response = requests.http().send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return log(integration, new Reachability(Reachability.Outcome.NO_ANSWER, uri, addresses, 0, null,
                    "interrupted"));
        } catch (IOException | RuntimeException e) {
            return log(integration, new Reachability(classify(e), uri, addresses, 0, ProbeRequests.since(started),
                    requests.describe(e)));
        }
        Duration latency = ProbeRequests.since(started);
        int status = response.statusCode();
        String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if ((status == 401 || status == 403) && !type.contains("html")) {
            ProbeRequests.closeUnread(response.body());
            return log(integration, new Reachability(Reachability.Outcome.JAKAMO, uri, addresses, status, latency,
                    "answered " + status + " " + StatusText.of(status) + " without a credential, as Jakamo does"));
        }
        String location = response.headers().firstValue("Location").map(l -> Text.clean(withoutQuery(l), 200))
                .orElse(null);
        byte[] head = requests.head(response);
        List<String> messages = head == null ? List.of(TRUNCATED) : pages.messages(head, type.isEmpty() ? null : type);
        String said = messages.isEmpty() ? "" : " (" + String.join("; ", messages) + ")";
        Reachability.Outcome outcome;
        String detail;
        if (status == 407) {
            outcome = Reachability.Outcome.PROXY_AUTHENTICATION;
            detail = "a proxy answered 407 Proxy Authentication Required" + said;
        } else if (type.contains("html") || startsLikeHtml(head)) {
            outcome = Reachability.Outcome.NOT_JAKAMO;
            detail = "answered " + status + " with a web page, not Jakamo's API" + said;
        } else if (status >= 300 && status < 400) {
            outcome = Reachability.Outcome.NOT_JAKAMO;
            detail = "answered " + status + " redirecting to " + (location == null ? "(no Location)" : location)
                    + "; Jakamo's API does not redirect";
        } else if (status >= 500) {
            outcome = Reachability.Outcome.SERVER_ERROR;
            detail = "answered " + status + " " + StatusText.of(status) + said;
        } else {
            outcome = Reachability.Outcome.NOT_JAKAMO;
            detail = "answered " + status + " " + StatusText.of(status) + " to a request without a credential; "
                    + "Jakamo's API answers 401" + said;
        }
        return log(integration, new Reachability(outcome, uri, addresses, status, latency, detail));
    }

    private static boolean direct(URI uri) {
        ProxySelector selector = ProxySelector.getDefault();
        return selector == null || selector.select(uri).stream().allMatch(p -> p.type() == Proxy.Type.DIRECT);
    }

    /** Which of the failures a first-time user meets this is; the cause chain says it, not the message text. */
    static Reachability.Outcome classify(Throwable e) {
        boolean tls = false;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException) {
                return Reachability.Outcome.TLS_UNTRUSTED;
            }
            if (t instanceof CertificateException && t.getMessage() != null
                    && (t.getMessage().contains("No subject alternative") || t.getMessage().contains("No name matching"))) {
                return Reachability.Outcome.TLS_HOSTNAME_MISMATCH;
            }
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return Reachability.Outcome.DNS_FAILURE;
            }
            tls |= t instanceof SSLException;
        }
        if (tls) {
            return Reachability.Outcome.TLS_FAILURE;
        }
        if (e instanceof HttpConnectTimeoutException) {
            return Reachability.Outcome.CONNECT_TIMEOUT;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return Reachability.Outcome.CONNECTION_REFUSED;
            }
        }
        return Reachability.Outcome.NO_ANSWER;
    }

    /** A proxy's page without a Content-Type still starts like one. */
    private static boolean startsLikeHtml(byte[] head) {
        if (head == null) {
            return false;
        }
        String start = Text.utf8(head, 512).stripLeading().toLowerCase(Locale.ROOT);
        if (start.startsWith("\ufeff")) {
            start = start.substring(1).stripLeading();
        }
        return start.startsWith("<!doctype html") || start.startsWith("<html");
    }

    private static String withoutQuery(String location) {
        int cut = location.indexOf('?');
        return cut < 0 ? location : location.substring(0, cut);
    }

    private static Reachability log(JakamoIntegration integration, Reachability r) {
        LOG.info("jakamo {} reachability GET {} (no credential): {} in {} ms: {}", integration.name(),
                JakamoUris.logPath(r.probed()), r.outcome(), r.latency() == null ? "-" : r.latency().toMillis(),
                r.detail());
        return r;
    }
}
