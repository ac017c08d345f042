package io.jakamoconnector.adapter.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jakamoconnector.domain.model.auth.AccessToken;
import io.jakamoconnector.domain.model.auth.ClientId;
import io.jakamoconnector.domain.model.auth.Environment;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the {@code token} command prints: claims read from the JWT payload by hand, and the warnings. */
class TokenDescriptionTest {
    private static final String CLIENT = "3f0c2a9e-1b2c-4d5e-8f90-0123456789ab";
    private static final Instant RECEIVED = Instant.parse("2026-11-29T10:00:00Z");
    private final TokenRegistration demo = new TokenRegistration(new IntegrationName("orders"), Environment.demo(),
            new ClientId(CLIENT), CredentialSource.clientSecret(SecretReference.file(Path.of("/x"))));

    @Test
    void readsAudienceRolesTimesAndIds() {
        AccessToken token = token("{\"aud\":\"https://demo.jakamoapp.com\",\"iss\":\"https://sts/x/v2.0\",\"iat\":"
                + (RECEIVED.getEpochSecond() + 2) + ",\"exp\":" + (RECEIVED.getEpochSecond() + 3600)
                + ",\"roles\":[\"Orders.Read\",\"Orders.Write\"],\"tid\":\"a22b6145-4c73-4914-901d-6bf96bcb0183\","
                + "\"appid\":\"" + CLIENT + "\",\"name\":\"caf\\u00e9 \\\"x\\\"\"}");

        TokenDescription d = TokenDescription.of(token);

        assertThat(d.decoded()).isTrue();
        assertThat(d.audience()).containsExactly("https://demo.jakamoapp.com");
        assertThat(d.roles()).containsExactly("Orders.Read", "Orders.Write");
        assertThat(d.claimedIssuedAt()).isEqualTo(RECEIVED.plusSeconds(2));
        assertThat(d.claimedExpiresAt()).isEqualTo(RECEIVED.plusSeconds(3600));
        assertThat(d.clockSkew()).contains(Duration.ofSeconds(2));
        assertThat(d.applicationId()).isEqualTo(CLIENT);
        assertThat(d.fingerprint()).isEqualTo(token.fingerprint());
        assertThat(d.warnings(demo)).isEmpty();
        assertThat(d.remainingAt(RECEIVED.plusSeconds(3000))).isEqualTo(Duration.ofSeconds(600));
        assertThat(d.toString()).doesNotContain(token.value());
    }

    @Test
    void warnsAboutTheWrongAudienceNoRolesAnotherTenantAnotherAppAndTheClock() {
        AccessToken token = token("{\"aud\":[\"https://api.jakamoapp.com\"],\"iat\":" + (RECEIVED.getEpochSecond() - 400)
                + ",\"tid\":\"c87ad7a3-cc9b-4a04-be72-916199870e5c\",\"azp\":\"00000000-0000-4000-8000-000000000000\"}");

        List<String> warnings = TokenDescription.of(token).warnings(demo);

        assertThat(warnings).hasSize(5);
        assertThat(warnings.get(0)).contains("https://api.jakamoapp.com", "demo environment's API expects https://demo.jakamoapp.com",
                "integrations[orders].environment");
        assertThat(warnings.get(1)).contains("no roles", "403", "approved");
        assertThat(warnings.get(2)).contains("tenant c87ad7a3", "integrations[orders].environment");
        assertThat(warnings.get(3)).contains("integrations[orders].clientId");
        assertThat(warnings.get(4)).contains("about 400 s ahead of the token service's", "NTP");
    }

    @Test
    void anOpaqueTokenIsDescribedWithoutClaims() {
        AccessToken token = AccessToken.of("opaque-token-value", RECEIVED, RECEIVED.plusSeconds(60));
        TokenDescription d = TokenDescription.of(token);

        assertThat(d.decoded()).isFalse();
        assertThat(d.roles()).isEmpty();
        assertThat(d.clockSkew()).isEmpty();
        assertThat(d.warnings(demo)).singleElement().asString().contains("not a JWT");
        assertThat(TokenDescription.of(AccessToken.of("a.!!!.c", RECEIVED, RECEIVED.plusSeconds(60))).decoded()).isFalse();
        assertThat(TokenDescription.of(AccessToken.of("a." + b64("[1,2]") + ".c", RECEIVED, RECEIVED.plusSeconds(60))).decoded()).isFalse();
    }

    @Test
    void theJsonReaderIsStrictAndNeverEchoesItsInput() {
        assertThat(JsonReader.parse(" {\"a\": [1, -2.5e3, true, false, null, {\"b\": \"\\n\\t\\/\"}]} "))
                .isEqualTo(Map.of("a", java.util.Arrays.asList(new BigDecimal("1"), new BigDecimal("-2.5e3"), true, false, null,
                        Map.of("b", "\n\t/"))));
        for (String bad : List.of("{", "{\"a\":}", "[1,]", "{\"a\":1} x", "\"unterminated", "01", "{\"a\":tru}",
                "\"secret-in-here\\x\"", "[" .repeat(100) + "]".repeat(100), "", "secret-in-here",
                "{\"a\":secret-in-here}", "{'secret-in-here':1}", "[1] secret-in-here", "1" + "0".repeat(100))) {
            assertThatThrownBy(() -> JsonReader.parse(bad)).isInstanceOf(JsonReader.MalformedJsonException.class)
                    .hasMessageStartingWith("malformed JSON at offset").hasMessageNotContaining("secret-in-here");
        }
    }

    private static AccessToken token(String payload) {
        String value = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + b64(payload) + ".c2lnbmF0dXJl";
        return AccessToken.of(value, RECEIVED, RECEIVED.plusSeconds(3600));
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
