package io.jakamoconnector.adapter.jakamo;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.adapter.jakamo.HttpJakamoProbeAdapter.Reachability.Outcome;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/**
 * The failures doctor tells apart, as the JDK's HTTP client reports them: by the exception types in the cause chain
 * (shaped as JDK 17 throws them), so a reworded message does not turn a certificate problem into "no answer".
 */
class JakamoProbeClassifyTest {

    private static <T extends Throwable> T causedBy(T top, Throwable cause) {
        top.initCause(cause);
        return top;
    }

    @Test
    void anUntrustedChainIsACertPathFailureUnderTheHandshake() {
        SSLHandshakeException e = causedBy(new SSLHandshakeException("PKIX path building failed"),
                causedBy(new CertificateException("validator"), new CertPathBuilderException(
                        "unable to find valid certification path to requested target")));
        assertThat(ReachabilityProbe.classify(e)).isEqualTo(Outcome.TLS_UNTRUSTED);
    }

    @Test
    void aNameMismatchIsACertificateExceptionNamingTheSubjectAlternativeNames() {
        SSLHandshakeException ip = causedBy(new SSLHandshakeException(
                "No subject alternative names matching IP address 10.0.0.7 found"), new CertificateException(
                "No subject alternative names matching IP address 10.0.0.7 found"));
        SSLHandshakeException dns = causedBy(new SSLHandshakeException("No name matching www.thejakamo.com found"),
                new CertificateException("No name matching www.thejakamo.com found"));
        assertThat(ReachabilityProbe.classify(ip)).isEqualTo(Outcome.TLS_HOSTNAME_MISMATCH);
        assertThat(ReachabilityProbe.classify(dns)).isEqualTo(Outcome.TLS_HOSTNAME_MISMATCH);
    }

    @Test
    void anotherHandshakeFailureIsATlsFailure() {
        assertThat(ReachabilityProbe.classify(new SSLHandshakeException("Received fatal alert: protocol_version")))
                .isEqualTo(Outcome.TLS_FAILURE);
    }

    @Test
    void dnsRefusedAndTimeoutsAreToldApart() {
        assertThat(ReachabilityProbe.classify(causedBy(new ConnectException(), new UnresolvedAddressException())))
                .isEqualTo(Outcome.DNS_FAILURE);
        assertThat(ReachabilityProbe.classify(new ConnectException("Connection refused")))
                .isEqualTo(Outcome.CONNECTION_REFUSED);
        assertThat(ReachabilityProbe.classify(new HttpConnectTimeoutException("HTTP connect timed out")))
                .isEqualTo(Outcome.CONNECT_TIMEOUT);
        assertThat(ReachabilityProbe.classify(new HttpTimeoutException("request timed out")))
                .isEqualTo(Outcome.NO_ANSWER);
        assertThat(ReachabilityProbe.classify(new IOException("Connection reset")))
                .isEqualTo(Outcome.NO_ANSWER);
    }
}
