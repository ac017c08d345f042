package io.jakamoconnector.domain.model.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jakamoconnector.domain.model.InvalidValueException;
import io.jakamoconnector.domain.model.exchange.IntegrationKind;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuthValuesTest {

    @Test
    void aScopeMustEndWithDotDefault() {
        assertThat(new Scope("https://demo.jakamoapp.com/.default").resource()).isEqualTo("https://demo.jakamoapp.com");
        assertThatThrownBy(() -> new Scope("https://demo.jakamoapp.com/Orders.Read"))
                .isInstanceOf(InvalidValueException.class).hasMessage("scope: must end with /.default")
                .satisfies(e -> {
                    assertThat(((InvalidValueException) e).field()).isEqualTo("scope");
                    assertThat(((InvalidValueException) e).rule()).isEqualTo("must end with /.default");
                });
    }

    @Test
    void aClientIdIsAGuid() {
        assertThat(new ClientId("3f0c2a9e-1b2c-4d5e-8f90-0123456789ab").value()).hasSize(36);
        assertThatThrownBy(() -> new ClientId("my-app")).hasMessageStartingWith("clientId: must be the application");
        assertThatThrownBy(() -> new ClientId(" ")).hasMessage("clientId: must not be blank");
    }

    @Test
    void demoAndProductionCarryJakamosPublishedValues() {
        Environment demo = Environment.demo();
        assertThat(demo.tenantId().value()).isEqualTo("a22b6145-4c73-4914-901d-6bf96bcb0183");
        assertThat(demo.authority()).hasToString("https://login.microsoftonline.com/a22b6145-4c73-4914-901d-6bf96bcb0183/");
        assertThat(demo.tokenUrl()).hasToString(
                "https://login.microsoftonline.com/a22b6145-4c73-4914-901d-6bf96bcb0183/oauth2/v2.0/token");
        assertThat(demo.scope().value()).isEqualTo("https://demo.jakamoapp.com/.default");
        assertThat(demo.apiBaseUrl()).hasToString("https://demo.thejakamo.com");

        Environment prod = Environment.production();
        assertThat(prod.tenantId().value()).isEqualTo("c87ad7a3-cc9b-4a04-be72-916199870e5c");
        assertThat(prod.scope().value()).isEqualTo("https://api.jakamoapp.com/.default");
        assertThat(prod.apiBaseUrl()).hasToString("https://www.thejakamo.com");
        assertThat(prod.name()).isEqualTo("production");
    }

    @Test
    void aSandboxCarriesItsOwnUrlsButMustUseHttps() {
        TenantId tenant = new TenantId("5d1f1c4e-0000-4000-8000-000000000001");
        Environment sandbox = Environment.sandbox(tenant, URI.create("https://127.0.0.1:4443/" + tenant + "/"),
                new Scope("https://sandbox.jakamoapp.local/.default"), URI.create("https://127.0.0.1:4444"));
        assertThat(sandbox.tokenUrl()).hasToString("https://127.0.0.1:4443/" + tenant + "/oauth2/v2.0/token");
        assertThatThrownBy(() -> Environment.sandbox(tenant, URI.create("http://127.0.0.1:4443/" + tenant + "/"),
                new Scope("https://s/.default"), URI.create("https://127.0.0.1:4444")))
                .hasMessage("environment.authority: must be an https:// URL");
    }

    @Test
    void anAccessTokenNeverShowsItsValue() {
        Instant now = Instant.parse("2026-11-29T10:00:00Z");
        AccessToken token = AccessToken.of("eyJhbGciOiJSUzI1NiJ9.secret-payload.signature", now, now.plusSeconds(3600));
        assertThat(token.toString()).doesNotContain("secret-payload").contains(token.fingerprint().value());
        assertThat(token.refreshAt()).isEqualTo(now.plusSeconds(1800));
        assertThat(token.isUsableAt(now.plusSeconds(3500), java.time.Duration.ofSeconds(60))).isTrue();
        assertThat(token.isUsableAt(now.plusSeconds(3550), java.time.Duration.ofSeconds(60))).isFalse();
        assertThatThrownBy(() -> AccessToken.of("", now, now.plusSeconds(1)))
                .hasMessageContaining("without a token");
    }

    @Test
    void fingerprintsAreStableAndShort() {
        assertThat(Fingerprint.of("abc")).isEqualTo(Fingerprint.of("abc"));
        assertThat(Fingerprint.of("abc").value()).isEqualTo("ba7816bf8f01cfea");
    }

    @Test
    void integrationNamesAndKindsHaveASafeForm() {
        assertThatThrownBy(() -> new IntegrationName("Orders/../x")).hasMessageStartingWith("integration.name: must be");
        assertThat(IntegrationKind.fromConfig("kind", "sales-orders")).isEqualTo(IntegrationKind.SALES_ORDERS);
        assertThatThrownBy(() -> IntegrationKind.fromConfig("integrations[0].kind", "po"))
                .hasMessage("integrations[0].kind: must be one of purchase-orders, sales-orders, claims");
    }
}
