package io.jakamoconnector.adapter.erphttp;

import io.jakamoconnector.domain.plugin.ConfigSection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads {@code integrations[x].erp} of type {@code http}, reporting every problem with its key path. */
final class HttpErpSettingsReader {
    static final Set<String> KEYS = Set.of("type", "listen", "tls", "apiKeys", "webhook");

    private HttpErpSettingsReader() {
    }

    static HttpErpSettings read(ConfigSection erp) {
        erp.knownKeys(KEYS);
        String listenText = erp.requiredText("listen", "host:port, e.g. 127.0.0.1:8470");
        ListenAddress listen = listenText == null ? null
                : erp.value(erp.pathOf("listen"), () -> ListenAddress.parse(listenText));
        Optional<TlsSettings> tls = erp.mapping("tls").map(HttpErpSettingsReader::tls);
        if (listen != null && erp.section("tls").isEmpty() && !listen.loopback()) {
            erp.problem(erp.pathOf("listen") + ": " + listen.host() + " is not a loopback address, and without tls "
                    + "the API keys would cross the network in clear text; listen on 127.0.0.1:" + listen.port()
                    + " (behind a TLS proxy), or add tls: { keyStore: /etc/jakamo-connector/erp-api.p12, "
                    + "keyStorePassword: { env: ERP_API_TLS_PASSWORD } }");
        }
        List<ApiKey> keys = apiKeys(erp);
        Optional<WebhookSettings> webhook = erp.mapping("webhook").map(HttpErpSettingsReader::webhook);
        boolean tlsBroken = erp.section("tls").isPresent() && tls.isEmpty();
        boolean webhookBroken = erp.section("webhook").isPresent() && webhook.isEmpty();
        if (erp.hasProblemAt(erp.path()) || listen == null || keys == null || tlsBroken || webhookBroken) {
            return null;
        }
        return new HttpErpSettings(listen, tls, keys, webhook);
    }

    private static TlsSettings tls(ConfigSection tls) {
        tls.knownKeys(Set.of("keyStore", "keyStorePassword"));
        String store = tls.requiredText("keyStore", "the path of a PKCS#12 file with the certificate and its key");
        SecretReference password = secret(tls, "keyStorePassword");
        if (password == null && !tls.hasProblemAt(tls.pathOf("keyStorePassword"))) {
            tls.problem(tls.pathOf("keyStorePassword") + ": is required; write { env: VARIABLE } or { file: /path }");
        }
        return store == null || password == null ? null : new TlsSettings(tls.file(store), password);
    }

    private static WebhookSettings webhook(ConfigSection webhook) {
        webhook.knownKeys(Set.of("url", "secret"));
        String text = webhook.requiredText("url", "where the ERP takes pushed messages, e.g. https://erp.example/inbox");
        java.net.URI url = text == null ? null : webhook.value(webhook.pathOf("url"), () -> webhookUrl(text));
        SecretReference secret = secret(webhook, "secret");
        if (secret == null && !webhook.hasProblemAt(webhook.pathOf("secret"))) {
            webhook.problem(webhook.pathOf("secret") + ": is required (the HMAC key the ERP checks the signature "
                    + "with); write { env: VARIABLE } or { file: /path }");
        }
        return url == null || secret == null ? null : new WebhookSettings(url, secret);
    }

    private static java.net.URI webhookUrl(String text) {
        java.net.URI url;
        try {
            url = new java.net.URI(text);
        } catch (java.net.URISyntaxException e) {
            throw new io.jakamoconnector.domain.model.InvalidValueException("url", "is not a URL, e.g. "
                    + "https://erp.example/jakamo-inbox");
        }
        boolean https = "https".equals(url.getScheme());
        boolean loopbackHttp = "http".equals(url.getScheme()) && url.getHost() != null
                && new ListenAddress(url.getHost(), 0).loopback();
        io.jakamoconnector.domain.model.Check.that(url.getHost() != null && (https || loopbackHttp), "url",
                "must be an https URL (http only to a loopback address), e.g. https://erp.example/jakamo-inbox");
        io.jakamoconnector.domain.model.Check.that(url.getUserInfo() == null, "url",
                "must not hold a user or password; the HMAC signature authenticates the push");
        return url;
    }

    /** A secret's place: {@code { env: X }} or {@code { file: path }}; a secret written here is refused unrepeated. */
    static SecretReference secret(ConfigSection parent, String key) {
        Optional<ConfigSection> node = parent.section(key);
        if (node.isEmpty()) {
            return null;
        }
        String at = parent.pathOf(key);
        if (parent.writtenText(key).isPresent() || !node.get().isMapping()) {
            parent.problem(at + ": secrets are never written in the configuration; use { env: VARIABLE } or "
                    + "{ file: /path }");
            return null;
        }
        ConfigSection ref = node.get();
        ref.knownKeys(Set.of("env", "file"));
        Optional<String> env = ref.text("env");
        Optional<String> file = ref.text("file");
        if (env.isPresent() == file.isPresent()) {
            ref.problem(at + ": must name exactly one of env or file, e.g. { env: ERP_API_TLS_PASSWORD }");
            return null;
        }
        return env.map(e -> new SecretReference(SecretReference.Kind.ENV, e))
                .orElseGet(() -> new SecretReference(SecretReference.Kind.FILE, ref.file(file.get()).toString()));
    }

    private static List<ApiKey> apiKeys(ConfigSection erp) {
        String at = erp.pathOf("apiKeys");
        Optional<List<ConfigSection>> items = erp.items("apiKeys");
        if (items.isEmpty() || items.get().isEmpty()) {
            erp.problem(at + ": is required: a list of { id: erp-prod-1, sha256: <64 hex> } (the key's SHA-256, "
                    + "e.g. printf %s \"$KEY\" | sha256sum)");
            return null;
        }
        List<ApiKey> keys = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<String> hashes = new HashSet<>();
        boolean ok = true;
        for (ConfigSection item : items.get()) {
            item.knownKeys(Set.of("id", "sha256"));
            String id = item.requiredText("id", "a name for the key, shown in the audit trail, e.g. erp-prod-1");
            String hash = item.requiredText("sha256", "the key's SHA-256 as 64 hex characters");
            if (id == null || hash == null) {
                ok = false;
                continue;
            }
            ApiKey key = item.value(item.path(), () -> ApiKey.of(id, hash));
            if (key == null) {
                ok = false;
                continue;
            }
            if (!ids.add(id)) {
                item.problem(item.pathOf("id") + ": " + id + " is used by two keys; give each key its own id");
                ok = false;
            }
            if (!hashes.add(hash.toLowerCase(java.util.Locale.ROOT))) {
                item.problem(item.pathOf("sha256") + ": the same key is listed twice; remove one entry");
                ok = false;
            }
            keys.add(key);
        }
        return ok ? keys : null;
    }
}
