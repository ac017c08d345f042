package io.jakamoconnector.adapter.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jakamoconnector.domain.model.auth.OperatorIdentity;
import io.jakamoconnector.domain.model.auth.OperatorRole;
import io.jakamoconnector.domain.port.out.OperatorSignInException;
import io.jakamoconnector.domain.port.out.OperatorSignInPort.PendingSignIn;
import io.jakamoconnector.sandbox.AppRegistration;
import io.jakamoconnector.sandbox.AppSpec;
import io.jakamoconnector.sandbox.Sandbox;
import io.jakamoconnector.sandbox.SignInUser;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's sign-in against the sandbox's Entra ID: code + PKCE through MSAL, the ID token checked by us. */
class MsalOperatorSignInAdapterIT {
    private static final URI CALLBACK = URI.create("http://127.0.0.1:8466/auth/callback");
    private static Sandbox sandbox;
    private static MsalOperatorSignInAdapter adapter;
    private static SignInUser olga;
    private static HttpClient browser;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        sandbox = Sandbox.start();
        AppRegistration console = sandbox.registerApp(AppSpec.orders("console"));
        sandbox.entra().addRedirectUri(console.clientId(), CALLBACK.toString());
        olga = sandbox.entra().addUser("olga@contoso.example", "Olga Operator", "operator");
        Path secret = Files.writeString(dir.resolve("console.secret"), console.clientSecret());
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        adapter = new MsalOperatorSignInAdapter(new MsalOperatorSignInAdapter.ConsoleRegistration(
                URI.create(sandbox.authority()), console.clientId(), SecretReference.file(secret), CALLBACK,
                sandbox.clientSslContext()), SecretSources.system(), Clock.systemUTC());
        browser = HttpClient.newBuilder().sslContext(sandbox.clientSslContext()).build();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void anOperatorSignsInWithObjectIdUserNameAndRole() throws Exception {
        PendingSignIn pending = adapter.begin();
        Map<String, String> query = query(pending.authorizationUrl());
        assertThat(query).containsEntry("response_mode", "form_post").containsEntry("code_challenge_method", "S256")
                .containsEntry("state", pending.state()).containsEntry("nonce", pending.nonce())
                .doesNotContainValue(pending.codeVerifier());
        Map<String, String> posted = signInAs(pending, "olga@contoso.example");
        assertThat(posted.get("state")).isEqualTo(pending.state());

        OperatorIdentity identity = adapter.complete(pending, posted.get("code"));

        assertThat(identity.objectId()).isEqualTo(olga.objectId());
        assertThat(identity.userName()).isEqualTo("olga@contoso.example");
        assertThat(identity.roles()).containsExactly(OperatorRole.OPERATOR);
    }

    @Test
    void aTokenIssuedForAnotherSignInIsRefusedByItsNonce() throws Exception {
        PendingSignIn first = adapter.begin();
        Map<String, String> posted = signInAs(first, "olga@contoso.example");
        PendingSignIn other = new PendingSignIn(first.authorizationUrl(), first.state(), "another-nonce", first.codeVerifier());

        assertThatThrownBy(() -> adapter.complete(other, posted.get("code")))
                .isInstanceOf(OperatorSignInException.class).hasMessageContaining("nonce");
    }

    @Test
    void aCodeWithoutItsVerifierIsRefused() throws Exception {
        PendingSignIn first = adapter.begin();
        Map<String, String> posted = signInAs(first, "olga@contoso.example");
        PendingSignIn stolen = new PendingSignIn(first.authorizationUrl(), first.state(), first.nonce(), "x".repeat(43));

        assertThatThrownBy(() -> adapter.complete(stolen, posted.get("code")))
                .isInstanceOf(OperatorSignInException.class).hasMessageContaining("invalid_grant");
    }

    /** What the browser does: posts the chosen user on the authorize page and reads the form_post page back. */
    private static Map<String, String> signInAs(PendingSignIn pending, String user) throws Exception {
        Map<String, String> form = new LinkedHashMap<>(query(pending.authorizationUrl()));
        form.put("user", user);
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        URI authorize = URI.create(pending.authorizationUrl().toString().replaceFirst("\\?.*", ""));
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(authorize)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("action=\"" + CALLBACK + "\"");
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher m = Pattern.compile("name=\"(\\w+)\" value=\"([^\"]*)\"").matcher(page.body());
        while (m.find()) {
            fields.put(m.group(1), m.group(2));
        }
        return fields;
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return query;
    }

}
