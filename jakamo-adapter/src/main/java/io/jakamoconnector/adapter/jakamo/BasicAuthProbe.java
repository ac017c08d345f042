package io.jakamoconnector.adapter.jakamo;

import io.jakamoconnector.adapter.jakamo.HttpJakamoProbeAdapter.BasicAuthAnswer;
import io.jakamoconnector.domain.model.Check;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Doctor's probe of the old basic credentials: one {@code GET} of the queue head with them and, when refused, one with
 * a deliberately wrong password for the same user, since only a difference between the two answers tells "prevented"
 * from "wrong password". Decided from status and headers; bodies are closed unread, nothing is acknowledged, and
 * nothing derived from the password is kept or logged.
 */
final class BasicAuthProbe {
    private static final Logger LOG = LoggerFactory.getLogger(HttpJakamoProbeAdapter.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ProbeRequests requests;

    BasicAuthProbe(ProbeRequests requests) {
        this.requests = requests;
    }

    /**
     * Sends the old basic credentials once to the integration's queue and decides from the status and headers alone.
     * The body is closed unread: a queue message it may carry is neither read, nor logged, nor acknowledged.
     *
     * @param password wiped by the caller after the call; never logged, never part of the answer
     */
    BasicAuthAnswer probeBasicAuth(JakamoIntegration integration, String username, char[] password) {
        Check.notBlank("legacyBasicAuth.username", username);
        Check.that(username.indexOf(':') < 0, "legacyBasicAuth.username", "must not contain ':'");
        Check.notNull("legacyBasicAuth.password", password);
        URI uri = ProbeRequests.queue(integration);
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

    /** One request with basic credentials; decided from the status line and headers, the body closed unread. */
    private Sent send(URI uri, String username, char[] password) {
        byte[] pair = utf8(username + ":", password);
        String header = "Basic " + Base64.getEncoder().encodeToString(pair);
        Arrays.fill(pair, (byte) 0);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(requests.requestTimeout()).GET()
                .header("Authorization", header).header("Accept", "application/xml")
                .header("User-Agent", ProbeRequests.USER_AGENT).build();
        long started = System.nanoTime();
        HttpResponse<InputStream> response;
        try {
            response = requests.http().send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Sent(0, Set.of(), null, "interrupted");
        } catch (IOException | RuntimeException e) {
            return new Sent(0, Set.of(), ProbeRequests.since(started), "no answer: " + requests.describe(e));
        }
        Duration latency = ProbeRequests.since(started);
        // whatever the body holds (possibly the queue's head message) is never read
        ProbeRequests.closeUnread(response.body());
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

    private static BasicAuthAnswer log(JakamoIntegration integration, BasicAuthAnswer a) {
        LOG.info("jakamo {} basic-authentication probe GET {}: {} {} in {} ms ({}), body not read, nothing "
                        + "acknowledged", integration.name(), JakamoUris.logPath(a.probed()), a.verdict(), a.status(),
                a.latency() == null ? "-" : a.latency().toMillis(), a.detail());
        return a;
    }
}
