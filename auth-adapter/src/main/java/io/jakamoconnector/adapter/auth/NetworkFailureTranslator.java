package io.jakamoconnector.adapter.auth;

import static io.jakamoconnector.domain.port.out.AccessTokenUnavailableException.Reason.NETWORK;
import static io.jakamoconnector.domain.port.out.AccessTokenUnavailableException.Reason.SERVICE_UNAVAILABLE;

import com.microsoft.aad.msal4j.MsalClientException;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.port.out.AccessTokenUnavailableException.Reason;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Failures on the way to Entra, told apart by the exception chain MSAL wraps: a clock that breaks TLS, an untrusted
 * certificate (a TLS-inspecting proxy), a proxy that refuses, DNS, a refused or silent connection, a cut-off answer.
 * Each says which host, which timeout and which setting (proxy, trust store, NTP) to look at.
 */
final class NetworkFailureTranslator {
    private final TokenRegistration registration;
    private final TokenClientSettings settings;
    private final Clock clock;

    NetworkFailureTranslator(TokenRegistration registration, TokenClientSettings settings, Clock clock) {
        this.registration = registration;
        this.settings = settings;
        this.clock = clock;
    }

    /** An {@link MsalClientException}: the request got no answer from Entra (or one that is no token response). */
    Failure translate(MsalClientException c, String requestId, SecretValue secret) {
        Throwable cause = Redaction.copy(c, secret);
        URI url = URI.create(tokenUrl());
        String host = url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "");
        String error = c.errorCode();
        if ("invalid_json".equals(error)) {
            return failure(SERVICE_UNAVAILABLE, "the token service " + tokenUrl() + " answered with something other"
                    + " than a token response (not JSON: a proxy's error page, or a cut-off answer)" + proxyHint(),
                    null, requestId, cause, true, "invalid_json", AuditOutcome.FAIL);
        }
        Throwable root = c;
        for (Throwable t = c; t != null; t = t.getCause()) {
            root = t;
            if (t instanceof CertificateExpiredException || t instanceof CertificateNotYetValidException) {
                return failure(NETWORK, "the TLS certificate of " + host + " is " + (t instanceof CertificateExpiredException
                        ? "expired" : "not yet valid") + " by this machine's clock (now " + clock.instant() + "): check"
                        + " time synchronisation (NTP); a clock far off breaks TLS and token validity alike", null,
                        requestId, cause, false, "tls_clock", AuditOutcome.FAIL);
            }
            if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException
                    || (t instanceof SSLHandshakeException && String.valueOf(t.getMessage()).contains("PKIX"))) {
                return failure(NETWORK, "the TLS certificate of " + host + " is not trusted (PKIX path building failed)."
                        + " If a TLS-inspecting proxy sits in between, add its CA certificate to the JVM's trust store;"
                        + (registration.environment().kind().name().equals("SANDBOX")
                        ? " for the sandbox, check that sandbox.caCertificate is the sandbox's CA." : "")
                        + " This machine's clock (now " + clock.instant() + ") must also be right.", null, requestId,
                        cause, false, "tls_untrusted", AuditOutcome.FAIL);
            }
        }
        for (Throwable t = c; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (message.contains("Unable to tunnel through proxy") || message.contains("407")) {
                return failure(NETWORK, "the HTTPS proxy refused to connect to " + host + " (" + Redaction.scrub(message,
                        secret) + "); check the proxy's address and whether it needs authentication", null, requestId,
                        cause, false, "proxy", AuditOutcome.FAIL);
            }
            if (t instanceof UnknownHostException) {
                return failure(NETWORK, "cannot resolve " + url.getHost() + ": check DNS" + proxyHint(), null,
                        requestId, cause, true, "dns", AuditOutcome.FAIL);
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return failure(NETWORK, "cannot connect to " + host + " (" + t.getClass().getSimpleName() + "): a"
                        + " firewall may block it" + proxyHint(), null, requestId, cause, true, "connect",
                        AuditOutcome.FAIL);
            }
            if (t instanceof SocketTimeoutException) {
                boolean connect = message.toLowerCase(Locale.ROOT).contains("connect");
                return failure(NETWORK, connect
                        ? "no connection to " + host + " within " + seconds(settings.connectTimeout()) + proxyHint()
                        : "the token service " + host + " did not answer within the read timeout of "
                        + seconds(settings.readTimeout()), null, requestId, cause, true,
                        connect ? "connect_timeout" : "read_timeout", AuditOutcome.FAIL);
            }
            if (t instanceof SSLException) {
                return failure(NETWORK, "the TLS handshake with " + host + " failed (" + t.getClass().getSimpleName()
                        + "); a proxy may be interfering" + proxyHint(), null, requestId, cause, true, "tls",
                        AuditOutcome.FAIL);
            }
            if (t instanceof SocketException || t instanceof EOFException
                    || message.contains("Unexpected end of file") || message.contains("Connection reset")) {
                return failure(NETWORK, "the connection to " + host + " was closed before the token service answered"
                        + " (" + t.getClass().getSimpleName() + ")", null, requestId, cause, true, "connection_reset",
                        AuditOutcome.FAIL);
            }
        }
        return failure(NETWORK, "the token request to " + tokenUrl() + " failed (" + root.getClass().getSimpleName()
                + (error != null ? ", " + error : "") + ")" + proxyHint(), null, requestId, cause, true,
                error != null ? error : "client_error", AuditOutcome.FAIL);
    }

    String tokenUrl() {
        return registration.environment().tokenUrl().toString();
    }

    String proxyHint() {
        return settings.proxy() != null
                ? "; token requests go through the configured proxy " + settings.proxy()
                : "; if this network needs an HTTPS proxy, set one (JVM options -Dhttps.proxyHost and -Dhttps.proxyPort)";
    }

    private Failure failure(Reason reason, String message, Duration retryAfter, String correlation, Throwable cause,
                            boolean retryNow, String code, AuditOutcome outcome) {
        return Failure.of(registration, reason, message, retryAfter, correlation, cause, retryNow, code, outcome);
    }

    private static String seconds(Duration d) {
        return EntraErrorTranslator.seconds(d);
    }
}
