package io.jakamoconnector.adapter.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.aad.msal4j.MsalClientException;
import com.microsoft.aad.msal4j.MsalServiceException;
import io.jakamoconnector.domain.model.auth.ClientId;
import io.jakamoconnector.domain.model.auth.Environment;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.AccessTokenUnavailableException.Reason;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The error table of the README, code by code, without a network. */
class EntraErrorTranslatorTest {
    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private final TokenRegistration registration = new TokenRegistration(new IntegrationName("orders"), Environment.production(),
            new ClientId("3f0c2a9e-1b2c-4d5e-8f90-0123456789ab"),
            CredentialSource.clientSecret(SecretReference.environment("ORDERS_SECRET")));
    private final EntraErrorTranslator translator = new EntraErrorTranslator(registration, TokenClientSettings.defaults(),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @ParameterizedTest(name = "AADSTS{0} ({1}) -> {2}")
    @CsvSource({
        "7000215, invalid_client, INVALID_CLIENT, integrations[orders].clientSecret, false",
        "7000222, invalid_client, SECRET_EXPIRED, integrations[orders].clientSecret, false",
        "700016, unauthorized_client, UNKNOWN_CLIENT, integrations[orders].clientId, false",
        "90002, invalid_request, UNKNOWN_CLIENT, integrations[orders].environment, false",
        "1002012, invalid_scope, INVALID_SCOPE, https://api.jakamoapp.com/.default, false",
        "70011, invalid_scope, INVALID_SCOPE, integrations[orders].environment, false",
        "500011, invalid_resource, INVALID_SCOPE, /.default, false",
        "7000112, unauthorized_client, APP_NOT_APPROVED, 5-10 minutes, false",
        "700027, invalid_client, CERTIFICATE_REJECTED, did not accept the certificate, false",
        "50012, invalid_client, CERTIFICATE_REJECTED, did not accept the certificate, false",
        "700024, invalid_client, CERTIFICATE_REJECTED, NTP, false",
        "50196, invalid_request, THROTTLED, request loop, false",
        "90033, temporarily_unavailable, SERVICE_UNAVAILABLE, temporarily unavailable, true"})
    void entraCodesBecomeReasonsWithActionableMessages(int code, String error, Reason reason, String mentions, boolean retryNow) {
        Failure failure = translator.translate(new ExecutionException(
                new MsalServiceException("AADSTS" + code + ": text from Entra. Trace ID: t Correlation ID: c", error)),
                "req-1", null);

        assertThat(failure.exception().reason()).isEqualTo(reason);
        assertThat(failure.exception().getMessage()).startsWith("orders: ").contains(mentions, "AADSTS" + code);
        assertThat(failure.retryNow()).isEqualTo(retryNow);
        assertThat(failure.code()).isEqualTo("AADSTS" + code);
        assertThat(failure.exception().remoteCorrelationId()).isEqualTo("req-1");
    }

    @Test
    void networkFailuresNameTheHostAndTheProxy() {
        Failure dns = translator.translate(new MsalClientException(new UnknownHostException("login.microsoftonline.com")), "r", null);
        assertThat(dns.exception().reason()).isEqualTo(Reason.NETWORK);
        assertThat(dns.exception().getMessage()).contains("cannot resolve login.microsoftonline.com", "-Dhttps.proxyHost");
        assertThat(dns.retryNow()).isTrue();

        Failure timeout = translator.translate(new TimeoutException(), "r", null);
        assertThat(timeout.exception().getMessage()).contains("within 20 s");

        Failure proxy = translator.translate(new MsalClientException(new java.io.IOException(
                "Unable to tunnel through proxy. Proxy returns \"HTTP/1.1 407 Proxy Authentication Required\"")), "r", null);
        assertThat(proxy.exception().getMessage()).contains("proxy refused", "authentication");
        assertThat(proxy.retryNow()).isFalse();
    }


    @Test
    void oneRetryAfterHoldsTokenRequestsForTheConfiguredLongestAtMostInEitherForm() {
        assertThat(TokenClientSettings.defaults().longestRetryAfter()).isEqualTo(Duration.ofHours(1));
        assertThat(retryAfter("86400")).isEqualTo(Duration.ofHours(1));
        assertThat(retryAfter("Mon, 30 Nov 2026 10:00:00 GMT")).isEqualTo(Duration.ofHours(1));
        assertThat(retryAfter("Tue, 29 Nov 2039 10:00:00 GMT")).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void retryAfterIsReadInSecondsOrAsADate() {
        assertThat(retryAfter("7")).isEqualTo(Duration.ofSeconds(7));
        assertThat(retryAfter("Sun, 29 Nov 2026 10:00:30 GMT")).isEqualTo(Duration.ofSeconds(30));
        assertThat(retryAfter("yesterday")).isNull();
        assertThat(retryAfter("-1")).isNull();
        assertThat(translator.retryAfter(Map.of("retry-after", List.of("3")))).isEqualTo(Duration.ofSeconds(3));
        assertThat(translator.retryAfter(Map.of("Other", List.of("3")))).isNull();
    }

    @Test
    void retryAfterIsReadAsTheJakamoAdapterReadsIt() {
        // the two adapters once disagreed here: Entra's reader took a sign and gave up on a number beyond a long
        assertThat(retryAfter("+5")).as("delay-seconds has no sign").isNull();
        assertThat(retryAfter("99999999999999999999")).as("absurd advice is the longest, not ignored")
                .isEqualTo(Duration.ofHours(1));
    }

    private Duration retryAfter(String value) {
        return translator.retryAfter(Map.of("Retry-After", List.of(value)));
    }

    @Test
    void foreignTextsAreScrubbedOfTokensAndTheSecret() {
        SecretValue secret = new SecretValue("abc8Q~the-secret".getBytes(StandardCharsets.UTF_8));
        String text = "body {\"access_token\":\"eyJhbGciOi.eyJzdWIi.sig\",\"x\":1} client_secret=abc8Q~the-secret&a=b"
                + " raw abc8Q~the-secret and eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJ4In0 end";

        String scrubbed = Redaction.scrub(text, secret);

        assertThat(scrubbed).doesNotContain("eyJ", "the-secret").contains("[redacted]", "end", "\"x\":1");
        Throwable copy = Redaction.copy(new IllegalStateException("outer eyJabc.def", new java.io.IOException("inner abc8Q~the-secret")), secret);
        assertThat(copy.toString()).isEqualTo("java.lang.IllegalStateException: outer [redacted]");
        assertThat(copy.getCause().getMessage()).isEqualTo("inner [redacted]");
        assertThat(copy.getStackTrace()).isNotEmpty();
    }

    @Test
    void aServiceErrorWithoutACodeIsStillActionable() {
        Failure failure = translator.translate(new MsalServiceException("something odd", "invalid_client"), "r", null);
        assertThat(failure.exception().reason()).isEqualTo(Reason.INVALID_CLIENT);
        assertThat(failure.exception().getMessage()).contains("environment variable ORDERS_SECRET (integrations[orders].clientSecret)",
                "integrations[orders].clientId");
        Failure unknown = translator.translate(new MsalServiceException("???", "weird_error"), "r", null);
        assertThat(unknown.exception().reason()).isEqualTo(Reason.UNEXPECTED);
        assertThat(unknown.exception().getMessage()).contains("weird_error", "correlation id r");
    }
}
