package io.jakamoconnector.adapter.erphttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jakamoconnector.domain.model.exchange.IntegrationKind;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.plugin.ErpAdapterProvider;
import io.jakamoconnector.domain.plugin.ErpIntegration;
import io.jakamoconnector.domain.plugin.ErpSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class HttpErpSettingsReaderTest {
    private static final String HASH_1 = "a".repeat(64);
    private static final String HASH_2 = "B".repeat(64);
    private static final String AT = "integrations[orders].erp";
    private final List<String> problems = new ArrayList<>();
    private final HttpErpAdapterProvider provider = new HttpErpAdapterProvider();

    private ErpSettings read(Map<String, Object> erp) {
        Map<String, Object> withType = new LinkedHashMap<>(erp);
        withType.put("type", "http");
        return provider.read(new MapConfigSection(AT, withType, problems, Path.of("/etc/jakamo-connector")),
                new ErpIntegration(new IntegrationName("orders"), IntegrationKind.values()[0]));
    }

    private static Map<String, Object> key(String id, String hash) {
        return Map.of("id", id, "sha256", hash);
    }

    @Test
    void the_provider_is_found_by_the_service_loader_as_type_http() {
        assertThat(ServiceLoader.load(ErpAdapterProvider.class).stream().map(p -> p.get().type()))
                .contains("http");
    }

    @Test
    void a_valid_section_is_read_and_described_without_any_secret() {
        ErpSettings settings = read(Map.of("listen", "127.0.0.1:8470",
                "apiKeys", List.of(key("erp-prod-1", HASH_1), key("erp-prod-2", HASH_2))));
        assertThat(problems).isEmpty();
        assertThat(settings.describe()).isEqualTo("HTTP API on 127.0.0.1:8470, 2 API keys (erp-prod-1, erp-prod-2)")
                .doesNotContain(HASH_1).doesNotContain(HASH_2.toLowerCase());
    }

    @Test
    void unknown_keys_missing_listen_and_missing_keys_are_problems_with_their_paths() {
        assertThat(read(Map.of("lisen", "127.0.0.1:8470"))).isNull();
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(AT + ".lisen: unknown key"))
                .anySatisfy(p -> assertThat(p).startsWith(AT + ".listen: is required"))
                .anySatisfy(p -> assertThat(p).startsWith(AT + ".apiKeys: is required"));
    }

    @Test
    void key_ids_must_be_unique_hashes_64_hex_and_the_same_key_not_listed_twice() {
        assertThat(read(Map.of("listen", "127.0.0.1:8470", "apiKeys", List.of(key("a", HASH_1), key("a", HASH_2),
                key("b", "xyz"), key("c", HASH_1.toUpperCase()), Map.of("id", "d", "sha256", HASH_2,
                        "key", "the-secret"))))).isNull();
        assertThat(problems).anySatisfy(p -> assertThat(p).contains(".apiKeys[1].id: a is used by two keys"))
                .anySatisfy(p -> assertThat(p).contains(".apiKeys[2]: must be the 64 hex characters"))
                .anySatisfy(p -> assertThat(p).contains(".apiKeys[3].sha256: the same key is listed twice"))
                .anySatisfy(p -> assertThat(p).contains(".apiKeys[4].key: unknown key"));
        assertThat(String.join("\n", problems)).doesNotContain("the-secret");
    }

    @Test
    void without_tls_only_a_loopback_address_is_allowed() {
        assertThat(read(Map.of("listen", "0.0.0.0:8470", "apiKeys", List.of(key("a", HASH_1))))).isNull();
        assertThat(problems).singleElement().satisfies(p -> assertThat(p)
                .startsWith(AT + ".listen: 0.0.0.0 is not a loopback address").contains("tls:"));
        problems.clear();
        assertThat(read(Map.of("listen", "[::1]:8470", "apiKeys", List.of(key("a", HASH_1))))).isNotNull();
        assertThat(read(Map.of("listen", "localhost:8470", "apiKeys", List.of(key("a", HASH_1))))).isNotNull();
        assertThat(problems).isEmpty();
    }

    @Test
    void with_tls_any_address_and_the_password_only_as_a_reference() {
        ErpSettings ok = read(Map.of("listen", "0.0.0.0:8470", "apiKeys", List.of(key("a", HASH_1)),
                "tls", Map.of("keyStore", "erp-api.p12", "keyStorePassword", Map.of("env", "ERP_API_TLS_PASSWORD"))));
        assertThat(problems).isEmpty();
        assertThat(ok.describe()).startsWith("HTTPS API on 0.0.0.0:8470");
        assertThat(((HttpErpSettings) ok).tls()).hasValueSatisfying(t ->
                assertThat(t.keyStore()).isEqualTo(Path.of("/etc/jakamo-connector/erp-api.p12")));

        assertThat(read(Map.of("listen", "0.0.0.0:8470", "apiKeys", List.of(key("a", HASH_1)),
                "tls", Map.of("keyStore", "erp-api.p12", "keyStorePassword", "hunter2")))).isNull();
        assertThat(problems).anySatisfy(p -> assertThat(p)
                .startsWith(AT + ".tls.keyStorePassword: secrets are never written in the configuration"));
        assertThat(String.join("\n", problems)).doesNotContain("hunter2");
    }

    @Test
    void a_webhook_needs_an_https_url_and_its_secret_as_a_reference() {
        ErpSettings ok = read(Map.of("listen", "127.0.0.1:8470", "apiKeys", List.of(key("a", HASH_1)),
                "webhook", Map.of("url", "https://erp.example/jakamo-inbox?token=abc",
                        "secret", Map.of("file", "/etc/jakamo-connector/webhook.key"))));
        assertThat(problems).isEmpty();
        assertThat(ok.describe()).endsWith(", pushing to https://erp.example/jakamo-inbox").doesNotContain("abc");

        assertThat(read(Map.of("listen", "127.0.0.1:8470", "apiKeys", List.of(key("a", HASH_1)),
                "webhook", Map.of("url", "http://erp.example/in", "secret", "s3cret-in-file")))).isNull();
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(AT + ".webhook.url: must be an https URL"))
                .anySatisfy(p -> assertThat(p).startsWith(AT + ".webhook.secret: secrets are never written"));
        assertThat(String.join("\n", problems)).doesNotContain("s3cret-in-file");
    }

    @Test
    void integrations_sharing_a_listener_must_share_its_tls() {
        ListenAddress listen = new ListenAddress("0.0.0.0", 8470);
        List<ApiKey> keys = List.of(ApiKey.of("a", HASH_1));
        Map<IntegrationName, ErpSettings> two = new LinkedHashMap<>();
        two.put(new IntegrationName("orders"), new HttpErpSettings(listen, Optional.of(new TlsSettings(
                Path.of("/a.p12"), new SecretReference(SecretReference.Kind.ENV, "A"))), keys));
        two.put(new IntegrationName("claims"), new HttpErpSettings(listen, Optional.empty(), keys));
        assertThatThrownBy(() -> HttpErpAdapterProvider.open(new RecordingErpContext(Path.of("/tmp")), two, Map.of(),
                ApiLimits.DEFAULTS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("integrations[orders].erp.tls and integrations[claims].erp.tls differ");
    }
}
