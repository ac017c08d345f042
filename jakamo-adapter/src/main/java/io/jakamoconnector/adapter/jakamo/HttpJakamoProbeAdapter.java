package io.jakamoconnector.adapter.jakamo;

import io.jakamoconnector.domain.model.Check;
import io.jakamoconnector.domain.model.document.DocumentReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;

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
 *
 * <p>Each probe is its own class ({@link ReachabilityProbe}, {@link BasicAuthProbe}, {@link QueuePathProbe}) over the
 * same client and timeout ({@link ProbeRequests}); this class is what {@code app} sees.
 */
public final class HttpJakamoProbeAdapter {
    private final ReachabilityProbe reachability;
    private final BasicAuthProbe basicAuth;
    private final QueuePathProbe queuePath;

    /**
     * @param connectTimeout how long a TCP and TLS connection may take
     * @param requestTimeout how long an answer's headers (and, for a page that is not Jakamo's, its first 16 KiB) may
     *                       take
     * @param ssl            the trust the connector's other Jakamo calls use ({@code null}: the JDK's)
     */
    public HttpJakamoProbeAdapter(Duration connectTimeout, Duration requestTimeout, SSLContext ssl) {
        HttpClient http = JakamoApiClient.newHttpClient(connectTimeout, ssl);
        Check.notNull("jakamo.requestTimeout", requestTimeout);
        Check.that(!requestTimeout.isNegative() && !requestTimeout.isZero(), "jakamo.requestTimeout",
                "must be positive");
        ProbeRequests requests = new ProbeRequests(http, requestTimeout);
        this.reachability = new ReachabilityProbe(requests,
                new ErrorBodyMapper(new DocumentReader(JakamoApiClient.ERROR_BODY_CAP)));
        this.basicAuth = new BasicAuthProbe(requests);
        this.queuePath = new QueuePathProbe(requests);
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
        return reachability.reachability(integration);
    }

    /**
     * Sends the old basic credentials once to the integration's queue and decides from the status and headers alone.
     * The body is closed unread: a queue message it may carry is neither read, nor logged, nor acknowledged.
     *
     * @param password wiped by the caller after the call; never logged, never part of the answer
     */
    public BasicAuthAnswer probeBasicAuth(JakamoIntegration integration, String username, char[] password) {
        return basicAuth.probeBasicAuth(integration, username, password);
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
        return queuePath.probeQueuePath(integration, bearerToken);
    }
}
