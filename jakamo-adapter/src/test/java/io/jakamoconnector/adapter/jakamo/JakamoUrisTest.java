package io.jakamoconnector.adapter.jakamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jakamoconnector.domain.model.exchange.IntegrationKind;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.JakamoExchangeException;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JakamoUrisTest {
    private static final JakamoIntegration DEMO = new JakamoIntegration(new IntegrationName("po"),
            IntegrationKind.PURCHASE_ORDERS, URI.create("https://demo.thejakamo.com"), JakamoOptions.defaults());
    private static final JakamoIntegration PREFIXED = new JakamoIntegration(new IntegrationName("po"),
            IntegrationKind.PURCHASE_ORDERS, URI.create("https://gw.example.com:8443/jakamo/"), JakamoOptions.defaults());

    @Test
    void endpointsAreUnderTheBaseUrlAndItsPath() {
        assertThat(JakamoUris.endpoint(DEMO, "/api/order")).hasToString("https://demo.thejakamo.com/api/order");
        assertThat(JakamoUris.endpoint(PREFIXED, "/api/order/{id}", "PO-1"))
                .hasToString("https://gw.example.com:8443/jakamo/api/order/PO-1");
    }

    @Test
    void aKeyStaysOnePathSegmentWhateverItContains() {
        assertThat(JakamoUris.segment("PO-4711_a.b~c")).isEqualTo("PO-4711_a.b~c");
        assertThat(JakamoUris.segment("PO/1?x=1#y %2F")).isEqualTo("PO%2F1%3Fx%3D1%23y%20%252F");
        assertThat(JakamoUris.segment("Tilaus-ä€")).isEqualTo("Tilaus-%C3%A4%E2%82%AC");
        assertThat(JakamoUris.endpoint(DEMO, "/api/order/{id}", "../../admin").getRawPath())
                .isEqualTo("/api/order/..%2F..%2Fadmin");
    }

    @ParameterizedTest
    @ValueSource(strings = {".", "..", "...", ""})
    void aKeyOfDotsAloneIsRefused(String key) {
        assertThatThrownBy(() -> JakamoUris.segment(key)).isInstanceOf(io.jakamoconnector.domain.model.InvalidValueException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "https://demo.thejakamo.com/api/order/response/1",
        "https://DEMO.TheJakamo.com/api/order/response/1",
        "https://demo.thejakamo.com:443/api/order/response/1?sig=abc",
        "/api/order/response/1"
    })
    void uriOnTheJakamoHostAreAccepted(String uri) {
        URI accepted = JakamoUris.onJakamoHost(DEMO, uri, "acknowledgement URI");

        assertThat(accepted.getHost()).isEqualToIgnoringCase("demo.thejakamo.com");
        assertThat(accepted.getRawPath()).isEqualTo("/api/order/response/1");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "https://evil.example.com/api/order/response/1",
        "https://demo.thejakamo.com.evil.example.com/x",
        "https://demo.thejakamo.com:8443/x",
        "http://demo.thejakamo.com:8080/x",
        "https://www.thejakamo.com/x",
        "https://user:pw@demo.thejakamo.com/x",
        "https://demo.thejakamo.com@evil.example.com/x",
        "//evil.example.com/x",
        "api/order/response/1",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "https://demo.thejakamo.com./x",
        "https:///x",
        "not a uri",
        " "
    })
    void uriElsewhereAreRefusedAsForeign(String uri) {
        assertThatThrownBy(() -> JakamoUris.onJakamoHost(DEMO, uri, "acknowledgement URI"))
                .isInstanceOfSatisfying(JakamoExchangeException.class, e -> {
                    assertThat(e.reason()).isIn(JakamoExchangeException.Reason.FOREIGN_URI,
                            JakamoExchangeException.Reason.UNTRUSTED_HOST);
                    assertThat(e.getMessage()).contains("acknowledgement URI");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://demo.thejakamo.com/api/order/response/1?sig=abc",
        "http://demo.thejakamo.com:80/api/order/response/1?sig=abc", "HTTP://Demo.TheJakamo.com/api/order/response/1?sig=abc"})
    void anHttpUriOnATrustedHostIsCalledOverHttpsOnTheSameHost(String uri) {
        assertThat(JakamoUris.onJakamoHost(DEMO, uri, "acknowledgement URI"))
                .hasToString("https://demo.thejakamo.com/api/order/response/1?sig=abc");
    }

    @Test
    void productionTrustsBothNamesJakamoUsesAndNothingElseByDefault() {
        JakamoIntegration production = JakamoIntegration.of(new IntegrationName("po"), IntegrationKind.PURCHASE_ORDERS,
                io.jakamoconnector.domain.model.auth.Environment.production(), JakamoOptions.defaults());

        assertThat(JakamoUris.onJakamoHost(production, "https://thejakamo.com/api/order/response/1", "ack"))
                .hasHost("thejakamo.com");
        assertThat(JakamoUris.onJakamoHost(production, "http://www.thejakamo.com/api/attachment/1", "attachment"))
                .hasToString("https://www.thejakamo.com/api/attachment/1");
        assertThatThrownBy(() -> JakamoUris.onJakamoHost(production, "https://demo.thejakamo.com/x", "ack"))
                .isInstanceOfSatisfying(JakamoExchangeException.class, e -> {
                    assertThat(e.reason()).isEqualTo(JakamoExchangeException.Reason.UNTRUSTED_HOST);
                    assertThat(e.getMessage()).contains("demo.thejakamo.com:443", "'demo.thejakamo.com'",
                            "integrations[po].jakamo.trustedHosts");
                });
    }

    @Test
    void aConfiguredHostIsTrustedOnItsPortOnly() {
        JakamoIntegration withCdn = DEMO.withTrustedHosts(List.of("files.thejakamo.com", "gw.example.com:8443"));

        assertThat(JakamoUris.onJakamoHost(withCdn, "https://files.thejakamo.com/a", "attachment")).hasPort(-1);
        assertThat(JakamoUris.onJakamoHost(withCdn, "https://gw.example.com:8443/a", "attachment")).hasPort(8443);
        assertThatThrownBy(() -> JakamoUris.onJakamoHost(withCdn, "https://gw.example.com/a", "attachment"))
                .hasMessageContaining("gw.example.com:443");
        assertThatThrownBy(() -> JakamoUris.onJakamoHost(withCdn, "https://files.thejakamo.com:8443/a", "attachment"))
                .hasMessageContaining("'files.thejakamo.com:8443'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://files.thejakamo.com", "files.thejakamo.com/x", "user@files.thejakamo.com",
        "*.thejakamo.com", " "})
    void aTrustedHostEntryIsAHostAndAPortOnly(String entry) {
        assertThatThrownBy(() -> JakamoIntegration.trustedHost(entry))
                .isInstanceOf(io.jakamoconnector.domain.model.InvalidValueException.class)
                .hasMessageContaining("jakamo.trustedHosts");
    }

    @Test
    void aUriWithControlCharactersIsNamedCleanlyInTheRefusal() {
        assertThatThrownBy(() -> JakamoUris.onJakamoHost(DEMO, "https://evil.example.com/\n[FAKE] log line", "URI"))
                .hasMessageNotContaining("\n");
    }

    @Test
    void logsShowThePathWithoutTheQuery() {
        assertThat(JakamoUris.logPath(URI.create("https://h/api/attachment/1?sig=secret"))).isEqualTo("/api/attachment/1");
    }
}
