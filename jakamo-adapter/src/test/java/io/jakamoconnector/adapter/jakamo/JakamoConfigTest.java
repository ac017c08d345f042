package io.jakamoconnector.adapter.jakamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jakamoconnector.domain.model.InvalidValueException;
import io.jakamoconnector.domain.model.auth.Environment;
import io.jakamoconnector.domain.model.exchange.IntegrationKind;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class JakamoConfigTest {
    private static final IntegrationName PO = new IntegrationName("po");

    @Test
    void theDefaultsAreJakamosDocumentedPathsAndTheSandboxsClaimPaths() {
        JakamoPaths paths = JakamoPaths.defaults();

        assertThat(paths.orderQueue()).isEqualTo("/api/order/response");
        assertThat(paths.order()).isEqualTo("/api/order");
        assertThat(paths.orderChange()).isEqualTo("/api/order/{id}");
        assertThat(paths.orderResponse()).isEqualTo("/api/orderresponse");
        assertThat(paths.orderAttachment()).isEqualTo("/api/order/{id}/attachment");
        assertThat(paths.claimQueue()).isEqualTo("/api/claim/response");
        assertThat(paths.claim()).isEqualTo("/api/claim");
        assertThat(paths.claimChange()).isEqualTo("/api/claim/{id}");
        assertThat(paths.withClaimPaths("/api/claims/queue", "/api/claims", "/api/claims/{id}").claim())
                .isEqualTo("/api/claims");
    }

    @Test
    void pathsMustBePlainAndCarryTheIdWhereOneBelongs() {
        assertInvalid(() -> JakamoPaths.defaults().withClaimPaths("api/claim/response", "/api/claim", "/api/claim/{id}"),
                "paths.claimQueue");
        assertInvalid(() -> JakamoPaths.defaults().withClaimPaths("/api/claim/response", "/api/claim", "/api/claim"),
                "paths.claimChange");
        assertInvalid(() -> JakamoPaths.defaults().withClaimPaths("/api/claim/response?x=1", "/api/claim",
                "/api/claim/{id}"), "paths.claimQueue");
        assertInvalid(() -> JakamoPaths.defaults().withClaimPaths("/api/../admin", "/api/claim", "/api/claim/{id}"),
                "paths.claimQueue");
        assertInvalid(() -> JakamoPaths.defaults().withClaimPaths("/api/claim/response", "/api/claim/{id}",
                "/api/claim/{id}"), "paths.claim");
    }

    @Test
    void optionsCheckThemselves() {
        JakamoOptions defaults = JakamoOptions.defaults();

        assertThat(defaults.changeMethod()).isEqualTo(JakamoOptions.ChangeMethod.POST);
        assertThat(defaults.maxAttempts()).isEqualTo(3);
        assertInvalid(() -> defaults.withRequestTimeout(Duration.ZERO), "jakamo.requestTimeout");
        assertInvalid(() -> defaults.withRetries(0, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ZERO),
                "jakamo.maxAttempts");
        assertInvalid(() -> defaults.withRetries(3, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ZERO),
                "jakamo.maxBackoff");
        assertInvalid(() -> defaults.withMaxAttachmentBytes(0), "jakamo.maxAttachmentBytes");
    }

    @Test
    void theApiBaseUrlIsAnHttpsOriginWithoutSecrets() {
        assertInvalid(() -> integration("http://demo.thejakamo.com"), "jakamo.apiBaseUrl");
        assertInvalid(() -> integration("https://user:secret@demo.thejakamo.com"), "jakamo.apiBaseUrl");
        assertInvalid(() -> integration("https://demo.thejakamo.com/?x=1"), "jakamo.apiBaseUrl");
        assertThat(JakamoIntegration.of(PO, IntegrationKind.CLAIMS, Environment.production(), JakamoOptions.defaults())
                .apiBaseUrl()).hasToString("https://www.thejakamo.com");
    }

    @Test
    void theClientMustNotFollowRedirectsAndIntegrationsAreUnique() {
        HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        JakamoIntegration po = integration("https://demo.thejakamo.com");

        assertInvalid(() -> new JakamoApiClient(following, null, null, List.of(po), Clock.systemUTC()),
                "jakamo.httpClient");
        HttpClient client = JakamoApiClient.newHttpClient(Duration.ofSeconds(5), null);
        assertThat(client.followRedirects()).isEqualTo(HttpClient.Redirect.NEVER);
        assertThat(client.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(client.connectTimeout()).contains(Duration.ofSeconds(5));
        assertInvalid(() -> new JakamoApiClient(client, new SandboxlessTokens(),
                new io.jakamoconnector.domain.model.document.DocumentReader(), List.of(po, po), Clock.systemUTC()),
                "jakamo.integrations");
    }

    private static JakamoIntegration integration(String base) {
        return new JakamoIntegration(PO, IntegrationKind.PURCHASE_ORDERS, URI.create(base), JakamoOptions.defaults());
    }

    private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidValueException.class,
                e -> assertThat(e.field()).isEqualTo(field));
    }

    /** Never called: construction fails before any token is asked for. */
    private static final class SandboxlessTokens implements io.jakamoconnector.domain.port.out.AccessTokenPort {
        @Override
        public io.jakamoconnector.domain.model.auth.AccessToken token(IntegrationName integration) {
            throw new IllegalStateException("not expected");
        }

        @Override
        public io.jakamoconnector.domain.model.auth.AccessToken renewedToken(IntegrationName integration,
                io.jakamoconnector.domain.model.auth.AccessToken rejected) {
            throw new IllegalStateException("not expected");
        }
    }
}
