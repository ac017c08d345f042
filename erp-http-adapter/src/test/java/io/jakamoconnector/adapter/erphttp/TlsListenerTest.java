package io.jakamoconnector.adapter.erphttp;

import static io.jakamoconnector.adapter.erphttp.ApiFixture.KEY_1;
import static io.jakamoconnector.adapter.erphttp.ApiFixture.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jakamoconnector.domain.plugin.ErpCheck;
import io.jakamoconnector.domain.plugin.ErpSettings;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.ErpAccessException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The listener with tls: HTTPS with the configured key store, its password read from where the reference says. */
class TlsListenerTest {
    private static final String PASSWORD = "store-pass-1234";
    @TempDir
    Path dir;

    private void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
    }

    private HttpErpSide side(Path store, Map<String, String> environment) {
        ListenAddress listen = new ListenAddress("127.0.0.1", 0);
        Map<IntegrationName, ErpSettings> settings = new LinkedHashMap<>();
        settings.put(ORDERS, new HttpErpSettings(listen, Optional.of(new TlsSettings(store,
                new SecretReference(SecretReference.Kind.ENV, "ERP_API_TLS_PASSWORD"))),
                List.of(ApiKey.of("erp-prod-1", ApiFixture.sha256Hex(KEY_1)))));
        return HttpErpAdapterProvider.open(new RecordingErpContext(dir.resolve("state")), settings, environment,
                ApiLimits.DEFAULTS);
    }

    @Test
    void the_api_answers_over_tls_with_the_configured_certificate_and_not_in_clear_text() throws Exception {
        Path store = dir.resolve("erp-api.p12");
        keytool("-genkeypair", "-alias", "erp-api", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-storetype", "PKCS12", "-keystore",
                store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        Path cert = dir.resolve("erp-api.pem");
        keytool("-exportcert", "-rfc", "-alias", "erp-api", "-keystore", store.toString(), "-storepass", PASSWORD,
                "-file", cert.toString());
        HttpErpSide side = side(store, Map.of("ERP_API_TLS_PASSWORD", PASSWORD));
        side.start();
        try {
            URI base = side.baseUri(ORDERS).orElseThrow();
            assertThat(base.getScheme()).isEqualTo("https");
            HttpResponse<String> r = client(cert).send(HttpRequest.newBuilder(base.resolve("/erp/v1/integrations/orders/inbox"))
                    .header("Authorization", "Bearer " + KEY_1).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);

            URI plain = URI.create("http://127.0.0.1:" + base.getPort() + "/erp/v1/openapi.json");
            assertThatThrownBy(() -> {
                HttpResponse<String> clear = HttpClient.newHttpClient().send(HttpRequest.newBuilder(plain)
                        .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(clear.statusCode()).isNotEqualTo(200);
                throw new IOException("answered " + clear.statusCode());
            }).isInstanceOf(IOException.class);
            assertThat(side.check(ORDERS)).filteredOn(c -> c.name().startsWith("http tls"))
                    .singleElement().extracting(ErpCheck::status).isEqualTo(ErpCheck.Status.OK);
        } finally {
            side.stop();
        }
    }

    @Test
    void a_missing_password_stops_the_start_and_doctor_says_what_to_set() throws Exception {
        Path store = dir.resolve("erp-api.p12");
        keytool("-genkeypair", "-alias", "erp-api", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass",
                PASSWORD, "-keypass", PASSWORD);
        HttpErpSide side = side(store, Map.of());
        assertThatThrownBy(side::start).isInstanceOf(ErpAccessException.class)
                .hasMessageContaining("ERP_API_TLS_PASSWORD is not set");
        assertThat(side.check(ORDERS)).filteredOn(c -> c.name().startsWith("http tls")).singleElement()
                .satisfies(c -> assertThat(c.status()).isEqualTo(ErpCheck.Status.FAIL));

        HttpErpSide wrong = side(store, Map.of("ERP_API_TLS_PASSWORD", "not-it"));
        assertThat(wrong.check(ORDERS)).filteredOn(c -> c.name().startsWith("http tls")).singleElement()
                .satisfies(c -> {
                    assertThat(c.status()).isEqualTo(ErpCheck.Status.FAIL);
                    assertThat(c.detail()).doesNotContain("not-it");
                });
    }

    private static HttpClient client(Path cert) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(cert)) {
            Certificate c = CertificateFactory.getInstance("X.509").generateCertificate(in);
            trust.setCertificateEntry("erp-api", c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(10)).build();
    }
}
