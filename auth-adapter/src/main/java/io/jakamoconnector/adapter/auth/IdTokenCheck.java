package io.jakamoconnector.adapter.auth;

import io.jakamoconnector.domain.model.InvalidValueException;
import io.jakamoconnector.domain.model.auth.OperatorIdentity;
import io.jakamoconnector.domain.model.auth.OperatorRole;
import io.jakamoconnector.domain.port.out.OperatorSignInException;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks an ID token as OpenID Connect asks (RS256 signature by a key of the tenant's JWKS, issuer, audience, expiry
 * with five minutes of skew, nonce) and reads the person from it. Written here because MSAL4J does not check the
 * signature or the nonce, and the JWT libraries stay in the sandbox; RS256 with the JDK's {@link Signature} is all a
 * v2.0 ID token needs. Keys are fetched once and again when a token names an unknown key id (Entra rotates them).
 */
final class IdTokenCheck {
    private static final Duration SKEW = Duration.ofMinutes(5);
    private static final Base64.Decoder B64URL = Base64.getUrlDecoder();

    private final HttpClient http;
    private final URI jwksUri;
    private final String issuer;
    private final String audience;
    private final Clock clock;
    private final Map<String, PublicKey> keys = new ConcurrentHashMap<>();

    IdTokenCheck(HttpClient http, URI jwksUri, String issuer, String audience, Clock clock) {
        this.http = http;
        this.jwksUri = jwksUri;
        this.issuer = issuer;
        this.audience = audience;
        this.clock = clock;
    }

    OperatorIdentity identity(String idToken, String expectedNonce) {
        if (idToken == null) {
            throw invalid("Entra ID sent no ID token; is 'openid' among the console registration's permissions?");
        }
        String[] parts = idToken.split("\\.", -1);
        if (parts.length != 3) {
            throw invalid("the ID token is not a signed JWT");
        }
        Map<String, Object> header = json(parts[0]);
        Map<String, Object> claims = json(parts[1]);
        if (!"RS256".equals(header.get("alg"))) {
            throw invalid("the ID token is not signed with RS256");
        }
        PublicKey key = key(String.valueOf(header.get("kid")));
        if (!verifies(key, (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII), decode(parts[2]))) {
            throw invalid("the ID token's signature does not verify with the tenant's keys");
        }
        if (!issuer.equals(claims.get("iss"))) {
            throw invalid("the ID token's issuer is not " + issuer);
        }
        Object aud = claims.get("aud");
        if (!(audience.equals(aud) || (aud instanceof List<?> list && list.contains(audience)))) {
            throw invalid("the ID token is not for this console (audience " + audience + ")");
        }
        Instant now = clock.instant();
        if (!(claims.get("exp") instanceof Number exp) || !now.minus(SKEW).isBefore(Instant.ofEpochSecond(exp.longValue()))) {
            throw invalid("the ID token has expired; is this server's clock right?");
        }
        if (claims.get("nbf") instanceof Number nbf && now.plus(SKEW).isBefore(Instant.ofEpochSecond(nbf.longValue()))) {
            throw invalid("the ID token is not valid yet; is this server's clock right?");
        }
        Object nonce = claims.get("nonce");
        if (!(nonce instanceof String n) || !MessageDigest.isEqual(n.getBytes(StandardCharsets.UTF_8),
                expectedNonce.getBytes(StandardCharsets.UTF_8))) {
            throw invalid("the ID token's nonce is not the one this sign-in sent (a replayed token?)");
        }
        Set<OperatorRole> roles = EnumSet.noneOf(OperatorRole.class);
        if (claims.get("roles") instanceof List<?> list) {
            list.forEach(r -> OperatorRole.fromClaim(String.valueOf(r)).ifPresent(roles::add));
        }
        Object user = claims.get("preferred_username") != null ? claims.get("preferred_username") : claims.get("name");
        try {
            return new OperatorIdentity(String.valueOf(claims.get("oid")), String.valueOf(user), roles);
        } catch (InvalidValueException e) {
            throw invalid("the ID token's oid or preferred_username is unusable: " + e.getMessage());
        }
    }

    private PublicKey key(String kid) {
        PublicKey key = keys.get(kid);
        if (key == null) {
            fetchKeys();
            key = keys.get(kid);
        }
        if (key == null) {
            throw invalid("the ID token is signed with a key the tenant does not publish (kid " + kid.replaceAll("[^\\w-]", "?") + ")");
        }
        return key;
    }

    private void fetchKeys() {
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(jwksUri).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new OperatorSignInException(OperatorSignInException.Reason.NETWORK, "cannot read the tenant's signing "
                    + "keys from " + jwksUri + ": " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperatorSignInException(OperatorSignInException.Reason.NETWORK, "interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw new OperatorSignInException(OperatorSignInException.Reason.NETWORK, "the tenant's signing keys at "
                    + jwksUri + " answered HTTP " + response.statusCode(), null);
        }
        Object list = JsonReader.parseObject(response.body()).get("keys");
        if (list instanceof List<?> jwks) {
            for (Object entry : jwks) {
                if (entry instanceof Map<?, ?> jwk && "RSA".equals(jwk.get("kty")) && jwk.get("kid") instanceof String kid
                        && jwk.get("n") instanceof String n && jwk.get("e") instanceof String e) {
                    try {
                        keys.put(kid, KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                                new BigInteger(1, decode(n)), new BigInteger(1, decode(e)))));
                    } catch (GeneralSecurityException ex) {
                        // a key we cannot use cannot have signed a token we accept
                    }
                }
            }
        }
    }

    private static boolean verifies(PublicKey key, byte[] signed, byte[] signature) {
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(key);
            rsa.update(signed);
            return rsa.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static Map<String, Object> json(String part) {
        try {
            return JsonReader.parseObject(new String(decode(part), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw invalid("the ID token is not readable JSON");
        }
    }

    private static byte[] decode(String part) {
        try {
            return B64URL.decode(part);
        } catch (IllegalArgumentException e) {
            throw invalid("the ID token is not base64url");
        }
    }

    private static OperatorSignInException invalid(String why) {
        return new OperatorSignInException(OperatorSignInException.Reason.INVALID_TOKEN, why, null);
    }
}
