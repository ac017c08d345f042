package io.jakamoconnector.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fake Entra ID's sign-in of a person: authorize page, code sent back, code redeemed once with its verifier. */
class SignInIT {
    private static final String CALLBACK = "http://127.0.0.1:8466/auth/callback";
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static Sandbox sandbox;
    private static AppRegistration app;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start();
        app = sandbox.registerApp(AppSpec.orders("console"));
        sandbox.entra().addRedirectUri(app.clientId(), CALLBACK);
        sandbox.entra().addUser("olga@contoso.example", "Olga Operator", "operator");
        http = TestHttp.newClient(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void aRedirectUriThatIsNotRegisteredGetsNoCode() throws Exception {
        Map<String, String> request = authorizeRequest();
        request.put("redirect_uri", "https://attacker.example/callback");
        HttpResponse<String> page = post(authorize(), request);
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("AADSTS50011").doesNotContain("name=\"code\"");
    }

    @Test
    void aCodeIsRedeemedOnceAndOnlyWithItsVerifier() throws Exception {
        Map<String, String> request = authorizeRequest();
        request.put("user", "olga@contoso.example");
        HttpResponse<String> page = post(authorize(), request);
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher m = Pattern.compile("name=\"code\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(m.find()).as(page.body()).isTrue();
        String code = m.group(1);
        assertThat(page.body()).contains("name=\"state\" value=\"s-1\"", "action=\"" + CALLBACK + "\"");

        Map<String, String> redeem = new LinkedHashMap<>(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", CALLBACK, "client_id", app.clientId(), "client_secret", app.clientSecret(),
                "code_verifier", VERIFIER));
        HttpResponse<String> first = post(URI.create(sandbox.tokenEndpoint()), redeem);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(first.body()).contains("\"id_token\"");
        HttpResponse<String> again = post(URI.create(sandbox.tokenEndpoint()), redeem);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("invalid_grant");
    }

    private static Map<String, String> authorizeRequest() {
        Map<String, String> request = new LinkedHashMap<>();
        request.put("client_id", app.clientId());
        request.put("redirect_uri", CALLBACK);
        request.put("response_type", "code");
        request.put("response_mode", "form_post");
        request.put("scope", "openid profile");
        request.put("state", "s-1");
        request.put("nonce", "n-1");
        request.put("code_challenge", SignInCodes.challengeOf(VERIFIER));
        request.put("code_challenge_method", "S256");
        return request;
    }

    private static URI authorize() {
        return URI.create(sandbox.entraBaseUri() + "/" + sandbox.tenantId() + "/oauth2/v2.0/authorize");
    }

    private static HttpResponse<String> post(URI uri, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
