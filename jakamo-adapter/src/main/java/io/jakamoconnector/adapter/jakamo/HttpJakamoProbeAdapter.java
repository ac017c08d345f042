package io.jakamoconnector.adapter.jakamo;

import io.jakamoconnector.domain.model.Check;
import io.jakamoconnector.domain.model.document.DocumentReader;
import io.jakamoconnector.domain.model.exchange.IntegrationKind;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code jakamo-connector doctor} asks Jakamo, and nothing that could change a queue.
 *
 * <ul>
 * <li>{@link #reachability}: resolves the API host, then sends {@code GET} of the integration's queue path
 * <em>without any credential</em>. No queue is selected without a credential, so nothing can be delivered or
 * consumed; Jakamo answers 401. The answer tells a DNS failure, a refused or silent connection (firewall, proxy), an
 * untrusted certificate or a name mismatch, and an answer that is not Jakamo's (a proxy's page, a redirect) apart.</li>
 * <li>{@link #probeBasicAuth}: one {@code GET} of the queue head with the integration's old basic credentials, to learn
 * whether Jakamo still accepts them; when refused, one more with a deliberately wrong password for the same user, since
 * only a difference between the two answers tells "prevented" from "wrong password". Nothing is acknowledged; the
 * decision is made from the status and headers alone and the bodies are closed unread, so a message one might carry
 * is neither read nor logged. A GET of the queue head does not clear it: repeating the GET returns the same message
 * (API notes §2.1).</li>
 * </ul>
 *
 * <p>Neither request carries the bearer token, and both go to the integration's own API base URL only; redirects are
 * never followed, so the basic credentials cannot be carried elsewhere either.
 */
public final class HttpJakamoProbeAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(HttpJakamoProbeAdapter.class);
    private static final String USER_AGENT = "jakamo-connector";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** A proxy names its page near the top; the rest is not needed. */
    private static final int PAGE_CAP = 16 * 1024;
    private static final String TRUNCATED = "the body was cut off or did not arrive in time";

    private final HttpClient http;
    private final Duration requestTimeout;
    private final ErrorBodyMapper pages = new ErrorBodyMapper(new DocumentReader(JakamoApiClient.ERROR_BODY_CAP));

    /**
     * @param connectTimeout how long a TCP and TLS connection may take
     * @param requestTimeout how long an answer's headers (and, for a page that is not Jakamo's, its first 16 KiB) may
     *                       take
     * @param ssl            the trust the connector's other Jakamo calls use ({@code null}: the JDK's)
     */
    public HttpJakamoProbeAdapter(Duration connectTimeout, Duration requestTimeout, SSLContext ssl) {
        this.http = JakamoApiClient.newHttpClient(connectTimeout, ssl);
        Check.notNull("jakamo.requestTimeout", requestTimeout);
        Check.that(!requestTimeout.isNegative() && !requestTimeout.isZero(), "jakamo.requestTimeout",
                "must be positive");
        this.requestTimeout = requestTimeout;
    }

    /** What one unauthenticated request to the integration's queue path showed. */
    public record Reachability(Outcome outcome, URI probed, List<String> addresses, int status, Duration latency,
                               String detail) {
        public Reachability {
            Check.notNull("reachability.outcome", outcome);
            Check.notNull("reachability.probed", probed);
            addresses = List.copyOf(addresses);
            detail = detail == null ? "" : detail;
        }

        public enum Outcome {
            /** Jakamo answered as Jakamo does without a credential (401, or 403). */
            JAKAMO,
            /** The host name does not resolve. */
            DNS_FAILURE,
            /** The host refused the connection (nothing listens, or a firewall rejects it). */
            CONNECTION_REFUSED,
            /** No connection within the connect timeout (a firewall drops the packets, or a proxy is needed). */
            CONNECT_TIMEOUT,
            /** Connected, then no answer in time, or the connection broke. */
            NO_ANSWER,
            /** The server's certificate chains to no trusted authority (a TLS-inspecting proxy, a private CA). */
            TLS_UNTRUSTED,
            /** The certificate is trusted but issued for another name than the URL's host. */
            TLS_HOSTNAME_MISMATCH,
            /** Another TLS failure (protocol, cipher, a plain-HTTP server on the port). */
            TLS_FAILURE,
            /** A proxy asks for its own authentication (407). */
            PROXY_AUTHENTICATION,
            /** Something answered, but not as Jakamo's API does (a web page, a redirect, 200 without a credential). */
            NOT_JAKAMO,
            /** A 5xx: Jakamo or a gateway in front of it fails. */
            SERVER_ERROR
        }

        public boolean reachable() {
            return outcome == Outcome.JAKAMO;
        }
    }

    /**
     * What Jakamo did with the old basic credentials. Nothing derived from the password is kept (no hash: a hash of a
     * human password can be confirmed offline against guesses).
     */
    public record BasicAuthAnswer(Verdict verdict, URI probed, int status, boolean basicChallenge, Duration latency,
                                  String detail) {
        public BasicAuthAnswer {
            Check.notNull("basicAuth.verdict", verdict);
            Check.notNull("basicAuth.probed", probed);
            detail = detail == null ? "" : detail;
        }

        public enum Verdict {
            /** A 2xx: the credentials still open the queue. */
            ACCEPTED,
            /**
             * A 401, and a deliberately wrong password for the same user got a different answer: Jakamo knows the
             * password and refuses it anyway, so basic authentication is prevented.
             */
            PREVENTED,
            /**
             * A 401 like the one a deliberately wrong password gets: the credentials do not open the queue, but whether
             * basic authentication is prevented or the configured password is just wrong or outdated is not known.
             */
            REFUSED,
            /** Any other answer, or none: whether basic authentication is prevented is not known. */
            INCONCLUSIVE
        }
    }

    /** Resolves the host and asks for the queue without a credential; never throws for a network failure. */
    public Reachability reachability(JakamoIntegration integration) {
        URI uri = queue(integration);
        List<String> addresses = List.of();
        if (direct(uri)) {   // through a proxy, the proxy resolves the name
            try {
                addresses = Arrays.stream(InetAddress.getAllByName(integration.apiBaseUrl().getHost()))
                        .map(InetAddress::getHostAddress).distinct().toList();
            } catch (UnknownHostException e) {
                return log(integration, new Reachability(Reachability.Outcome.DNS_FAILURE, uri, List.of(), 0, null,
                        integration.host() + " does not resolve" + message(e)));
            }
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(requestTimeout).GET()
                .header("Accept", "application/xml").header("User-Agent", USER_AGENT).build();
        long started = System.nanoTime();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return log(integration, new Reachability(Reachability.Outcome.NO_ANSWER, uri, addresses, 0, null,
                    "interrupted"));
        } catch (IOException | RuntimeException e) {
            return log(integration, new Reachability(classify(e), uri, addresses, 0, since(started),
                    describe(e)));
        }
        Duration latency = since(started);
        int status = response.statusCode();
        String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if ((status == 401 || status == 403) && !type.contains("html")) {
            closeUnread(response.body());
            return log(integration, new Reachability(Reachability.Outcome.JAKAMO, uri, addresses, status, latency,
                    "answered " + status + " " + StatusText.of(status) + " without a credential, as Jakamo does"));
        }
        String location = response.headers().firstValue("Location").map(l -> Text.clean(withoutQuery(l), 200))
                .orElse(null);
        byte[] head = head(response);
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

    /**
     * Sends the old basic credentials once to the integration's queue and decides from the status and headers alone.
     * The body is closed unread: a queue message it may carry is neither read, nor logged, nor acknowledged.
     *
     * @param password wiped by the caller after the call; never logged, never part of the answer
     */
    public BasicAuthAnswer probeBasicAuth(JakamoIntegration integration, String username, char[] password) {
        Check.notBlank("legacyBasicAuth.username", username);
        Check.that(username.indexOf(':') < 0, "legacyBasicAuth.username", "must not contain ':'");
        Check.notNull("legacyBasicAuth.password", password);
        URI uri = queue(integration);
        Sent configured = send(uri, username, password);
        if (configured.failure() != null) {
            return log(integration, new BasicAuthAnswer(BasicAuthAnswer.Verdict.INCONCLUSIVE, uri, 0, false,
                    configured.latency(), configured.failure()));
        }
        int status = configured.status();
        boolean basicChallenge = configured.schemes().contains("basic");
        if (status >= 200 && status < 300) {
            return log(integration, new BasicAuthAnswer(BasicAuthAnswer.Verdict.ACCEPTED, uri, status, basicChallenge,
                    configured.latency(), "answered " + status + " " + StatusText.of(status) + ": the queue is open to "
                    + "these credentials"));
        }
        if (status != 401) {
            return log(integration, new BasicAuthAnswer(BasicAuthAnswer.Verdict.INCONCLUSIVE, uri, status,
                    basicChallenge, configured.latency(), "answered " + status + " " + StatusText.of(status)
                    + ", which neither accepts nor refuses the credentials"));
        }
        String refused = "answered 401 Unauthorized" + challenges(configured.schemes());
        // The control: the same user with a password that cannot be right. A 401 alone does not tell "prevented" from
        // "wrong password"; an answer that differs from the control's does.
        char[] wrong = randomPassword();
        Sent control;
        try {
            control = send(uri, username, wrong);
        } finally {
            Arrays.fill(wrong, '\0');
        }
        if (control.failure() != null || (control.status() >= 200 && control.status() < 300)) {
            return log(integration, new BasicAuthAnswer(BasicAuthAnswer.Verdict.INCONCLUSIVE, uri, status,
                    basicChallenge, configured.latency(), refused + "; a deliberately wrong password for comparison "
                    + (control.failure() != null ? "got no answer (" + control.failure() + ")"
                    : "was answered " + control.status() + ", which makes no sense") + ", so it is not known whether "
                    + "basic authentication is prevented"));
        }
        String compared = "; a deliberately wrong password for the same user was answered " + control.status()
                + challenges(control.schemes());
        if (control.status() != status || !control.schemes().equals(configured.schemes())) {
            return log(integration, new BasicAuthAnswer(BasicAuthAnswer.Verdict.PREVENTED, uri, status, basicChallenge,
                    configured.latency(), refused + compared + ": Jakamo tells these credentials apart from wrong "
                    + "ones and still refuses them"));
        }
        return log(integration, new BasicAuthAnswer(BasicAuthAnswer.Verdict.REFUSED, uri, status, basicChallenge,
                configured.latency(), refused + compared + " too: these credentials are refused, but nothing in the "
                + "answers tells a prevented basic authentication from a wrong or outdated password"));
    }

    /**
     * One read of the integration's queue with its bearer token (from the token port, over this probe's own client,
     * redirects never followed, only to the API base URL): does the path answer like a Jakamo queue? A 2xx body (the
     * head message) is closed unread and never acknowledged, so the queue is unchanged; only a 404's body is read, at
     * most 16 KiB, to tell Jakamo's {@code <status>} answer from a bare 404.
     *
     * @param bearerToken the integration's access token value; never logged
     */
    public QueuePathAnswer probeQueuePath(JakamoIntegration integration, String bearerToken) {
        Check.notBlank("token", bearerToken);
        URI uri = queue(integration);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(requestTimeout).GET()
                .header("Authorization", "Bearer " + bearerToken).header("Accept", "application/xml")
                .header("User-Agent", USER_AGENT).build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return logPath(integration, new QueuePathAnswer(QueuePathAnswer.Verdict.OTHER, uri, 0, "interrupted"));
        } catch (IOException | RuntimeException e) {
            return logPath(integration, new QueuePathAnswer(QueuePathAnswer.Verdict.OTHER, uri, 0,
                    "no answer: " + describe(e)));
        }
        int status = response.statusCode();
        if ((status >= 200 && status < 300)) {
            closeUnread(response.body());
            return logPath(integration, new QueuePathAnswer(QueuePathAnswer.Verdict.LIKE_A_QUEUE, uri, status,
                    "answered " + status + " " + StatusText.of(status) + " (body not read)"));
        }
        if (status != 404) {
            closeUnread(response.body());
            return logPath(integration, new QueuePathAnswer(QueuePathAnswer.Verdict.OTHER, uri, status,
                    "answered " + status + " " + StatusText.of(status)));
        }
        byte[] body = head(response);
        if (body != null && body.length == 0) {
            return logPath(integration, new QueuePathAnswer(QueuePathAnswer.Verdict.BARE_404, uri, 404,
                    "answered 404 without a body"));
        }
        boolean statusReply;
        try {
            statusReply = body != null && "status".equalsIgnoreCase(
                    new DocumentReader(PAGE_CAP).read(body).rootLocalName());
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

    /** One request with basic credentials; decided from the status line and headers, the body closed unread. */
    private Sent send(URI uri, String username, char[] password) {
        byte[] pair = utf8(username + ":", password);
        String header = "Basic " + Base64.getEncoder().encodeToString(pair);
        Arrays.fill(pair, (byte) 0);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(requestTimeout).GET()
                .header("Authorization", header).header("Accept", "application/xml")
                .header("User-Agent", USER_AGENT).build();
        long started = System.nanoTime();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Sent(0, Set.of(), null, "interrupted");
        } catch (IOException | RuntimeException e) {
            return new Sent(0, Set.of(), since(started), "no answer: " + describe(e));
        }
        Duration latency = since(started);
        // whatever the body holds (possibly the queue's head message) is never read
        closeUnread(response.body());
        Set<String> schemes = new TreeSet<>();
        for (String value : response.headers().allValues("WWW-Authenticate")) {
            String scheme = value.strip().split("[\\s,]", 2)[0].toLowerCase(Locale.ROOT);
            if (!scheme.isEmpty()) {
                schemes.add(Text.clean(scheme, 40));
            }
        }
        return new Sent(response.statusCode(), schemes, latency, null);
    }

    /** An answer to one request: status and challenge schemes, or why there was none. */
    private record Sent(int status, Set<String> schemes, Duration latency, String failure) {
    }

    private static String challenges(Set<String> schemes) {
        return schemes.isEmpty() ? " without a WWW-Authenticate challenge"
                : " with a WWW-Authenticate challenge for " + String.join(", ", schemes);
    }

    private static char[] randomPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return ("x-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)).toCharArray();
    }

    // ---- helpers ----

    private static URI queue(JakamoIntegration integration) {
        JakamoPaths paths = integration.options().paths();
        return JakamoUris.endpoint(integration,
                integration.kind() == IntegrationKind.CLAIMS ? paths.claimQueue() : paths.orderQueue());
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

    private String describe(Throwable e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection within the connect timeout";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + requestTimeout.toMillis() + " ms";
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String top = e.getClass().getSimpleName() + message(e);
        return root == e ? top : top + " (" + root.getClass().getSimpleName() + message(root) + ")";
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? "" : ": " + Text.clean(e.getMessage(), 200);
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

    /**
     * The first 16 KiB of a body that cannot be a queue message (no credential was sent), within the request timeout;
     * null when it was cut off or did not arrive in time.
     */
    private byte[] head(HttpResponse<InputStream> response) {
        InputStream in = response.body();
        CompletableFuture<Void> watchdog = CompletableFuture.runAsync(() -> closeUnread(in),
                CompletableFuture.delayedExecutor(requestTimeout.toMillis(), TimeUnit.MILLISECONDS));
        try (in) {
            return in.readNBytes(PAGE_CAP);
        } catch (IOException e) {
            return null;
        } finally {
            watchdog.cancel(false);
        }
    }

    private static void closeUnread(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // closing only releases the connection; nothing was read that could be lost
        }
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private static String withoutQuery(String location) {
        int cut = location.indexOf('?');
        return cut < 0 ? location : location.substring(0, cut);
    }

    private static byte[] utf8(String prefix, char[] password) {
        CharBuffer chars = CharBuffer.allocate(prefix.length() + password.length);
        chars.put(prefix).put(password).flip();
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(chars);
        Arrays.fill(chars.array(), '\0');
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        return bytes;
    }

    private static Reachability log(JakamoIntegration integration, Reachability r) {
        LOG.info("jakamo {} reachability GET {} (no credential): {} in {} ms: {}", integration.name(),
                JakamoUris.logPath(r.probed()), r.outcome(), r.latency() == null ? "-" : r.latency().toMillis(),
                r.detail());
        return r;
    }

    private static BasicAuthAnswer log(JakamoIntegration integration, BasicAuthAnswer a) {
        LOG.info("jakamo {} basic-authentication probe GET {}: {} {} in {} ms ({}), body not read, nothing "
                        + "acknowledged", integration.name(), JakamoUris.logPath(a.probed()), a.verdict(), a.status(),
                a.latency() == null ? "-" : a.latency().toMillis(), a.detail());
        return a;
    }
}
