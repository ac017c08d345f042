package io.jakamoconnector.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.IClientCredential;
import com.microsoft.aad.msal4j.TokenSource;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** MSAL4J 1.26.1, configured as the auth adapter will be, gets real tokens from the fake Entra. */
class MsalIT {
    private static Sandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    static ConfidentialClientApplication viaAuthority(Sandbox sandbox, String clientId, IClientCredential credential) throws Exception {
        return ConfidentialClientApplication.builder(clientId, credential)
                .authority(sandbox.authority())
                .instanceDiscovery(false)
                .sslSocketFactory(sandbox.clientSocketFactory())
                .connectTimeoutForDefaultHttpClient(5000)
                .readTimeoutForDefaultHttpClient(10000)
                .build();
    }

    static IAuthenticationResult acquire(ConfidentialClientApplication app, Sandbox sandbox) throws Exception {
        return app.acquireToken(ClientCredentialParameters.builder(Set.of(sandbox.scope())).build()).get(30, TimeUnit.SECONDS);
    }

    @Test
    void authorityWithoutInstanceDiscoveryGetsATokenCarryingEntrasClaims() throws Exception {
        AppRegistration app = sandbox.registerApp(AppSpec.orders("msal-authority").integration("msal-orders"));
        sandbox.journal().clear();

        IAuthenticationResult result = acquire(viaAuthority(sandbox, app.clientId(), ClientCredentialFactory.createFromSecret(app.clientSecret())), sandbox);

        assertThat(result.accessToken()).isNotBlank();
        assertThat(result.metadata().tokenSource()).isEqualTo(TokenSource.IDENTITY_PROVIDER);
        SignedJWT jwt = SignedJWT.parse(result.accessToken());
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(sandbox.oidcAuthority());
        assertThat(claims.getAudience()).containsExactly("https://sandbox.jakamoapp.local");
        assertThat(claims.getStringClaim("tid")).isEqualTo(sandbox.tenantId());
        assertThat(claims.getStringClaim("appid")).isEqualTo(app.clientId());
        assertThat(claims.getStringClaim("azp")).isEqualTo(app.clientId());
        assertThat(claims.getStringListClaim("roles")).containsExactlyInAnyOrder("Orders.Read", "Orders.Write");
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getNotBeforeTime()).isEqualTo(claims.getIssueTime());
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant())).hasSeconds(3600);
        assertThat(sandbox.journal().requests()).extracting(RequestRecord::endpoint).containsExactly(Endpoint.TOKEN);
        assertThat(sandbox.journal().requests().get(0).tokenFingerprint()).isEqualTo(Journal.fingerprint(result.accessToken()));

        // and the fake Jakamo accepts it
        assertThat(new TestHttp(sandbox).get("/api/order/response", TestHttp.bearer(result.accessToken())).statusCode()).isEqualTo(200);
    }

    @Test
    void oidcAuthorityDiscoversTheIssuerAndServesTheSecondCallFromMsalsCache() throws Exception {
        AppRegistration app = sandbox.registerApp(AppSpec.claims("msal-oidc").integration("msal-claims"));
        sandbox.journal().clear();
        ConfidentialClientApplication client = ConfidentialClientApplication
                .builder(app.clientId(), ClientCredentialFactory.createFromSecret(app.clientSecret()))
                .oidcAuthority(sandbox.oidcAuthority())
                .sslSocketFactory(sandbox.clientSocketFactory())
                .build();

        IAuthenticationResult first = acquire(client, sandbox);
        IAuthenticationResult second = acquire(client, sandbox);

        assertThat(first.metadata().tokenSource()).isEqualTo(TokenSource.IDENTITY_PROVIDER);
        assertThat(second.metadata().tokenSource()).isEqualTo(TokenSource.CACHE);
        assertThat(second.accessToken()).isEqualTo(first.accessToken());
        assertThat(sandbox.journal().count(Endpoint.DISCOVERY)).isEqualTo(1);
        assertThat(sandbox.journal().count(Endpoint.TOKEN)).isEqualTo(1);
        assertThat(SignedJWT.parse(first.accessToken()).getJWTClaimsSet().getStringListClaim("roles"))
                .containsExactlyInAnyOrder("Claims.Read", "Claims.Write");
    }

    @Test
    void certificateCredentialIsAcceptedAndAnUnregisteredCertificateIsNot() throws Exception {
        ClientCertificate registered = ClientCertificate.generate("erp-orders-cert");
        ClientCertificate stranger = ClientCertificate.generate("someone-else");
        AppRegistration app = sandbox.registerApp(AppSpec.orders("msal-cert").withoutSecret()
                .certificate(registered.certificate()).integration("msal-cert-orders"));
        assertThat(app.clientSecret()).isNull();

        IAuthenticationResult result = acquire(viaAuthority(sandbox, app.clientId(),
                ClientCredentialFactory.createFromCertificate(registered.privateKey(), registered.certificate())), sandbox);
        assertThat(SignedJWT.parse(result.accessToken()).getJWTClaimsSet().getStringClaim("azpacr")).isEqualTo("2");

        Throwable refused = MsalErrors.failure(() -> acquire(viaAuthority(sandbox, app.clientId(),
                ClientCredentialFactory.createFromCertificate(stranger.privateKey(), stranger.certificate())), sandbox));
        assertThat(MsalErrors.code(refused)).isEqualTo("invalid_client");
        assertThat(refused.getMessage()).contains("AADSTS700027");
    }

    @Test
    void tokenLifetimeAndRefreshInAreConfigurable() throws Exception {
        try (Sandbox own = Sandbox.start()) {
            own.entra().tokenLifetime(Duration.ofSeconds(900));
            own.entra().refreshIn(Duration.ofSeconds(450));
            AppRegistration app = own.registerApp(AppSpec.orders("lifetime"));
            Instant before = Instant.now();
            IAuthenticationResult result = acquire(viaAuthority(own, app.clientId(),
                    ClientCredentialFactory.createFromSecret(app.clientSecret())), own);

            JWTClaimsSet claims = SignedJWT.parse(result.accessToken()).getJWTClaimsSet();
            assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant())).hasSeconds(900);
            assertThat(result.expiresOnDate().toInstant()).isBetween(before.plusSeconds(890), before.plusSeconds(920));
        }
    }
}
