package io.jakamoconnector.sandbox;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** Signs access tokens the way Entra does (RS256, v2.0 claims) and verifies them for the fake Jakamo. */
final class TokenService {
    private final String issuer;
    private final String resource;
    private final String tenantId;
    private final CompletableFuture<RSAKey> firstKey;
    private volatile RSAKey key;

    /** Why a bearer token is refused; the text goes into {@code WWW-Authenticate} and the journal's detail. */
    static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;

        Rejected(String reason) {
            super(reason);
        }
    }

    record Verified(String clientId, Set<String> roles, Instant expiresAt) {
    }

    /**
     * @param firstKey the signing key, still being generated: the servers start without waiting for it, and the
     *                 first token request or verification waits instead (RSA key generation is the slowest step of
     *                 a start)
     */
    TokenService(String issuer, String resource, String tenantId, CompletableFuture<RSAKey> firstKey) {
        this.issuer = issuer;
        this.resource = resource;
        this.tenantId = tenantId;
        this.firstKey = firstKey;
    }

    private RSAKey key() {
        RSAKey current = key;
        if (current == null) {
            synchronized (this) {
                if (key == null) {
                    key = firstKey.join();
                }
                current = key;
            }
        }
        return current;
    }

    /** An RSA-2048 signing key; takes 0.3–1 s, which is why the sandbox makes it on a thread of its own. */
    static RSAKey newKey() {
        try {
            byte[] id = new byte[12];
            new SecureRandom().nextBytes(id);
            return new RSAKeyGenerator(2048)
                    .keyID(Base64.getUrlEncoder().withoutPadding().encodeToString(id))
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    /** Replaces the signing key: tokens signed before no longer verify. */
    void rotate() {
        RSAKey next = newKey();
        synchronized (this) {
            key = next;
        }
    }

    JWKSet publicKeys() {
        return new JWKSet(key().toPublicJWK());
    }

    String issue(Registry.App app, List<String> roles, Instant now, Duration lifetime, boolean certificateCredential) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .audience(resource)
                .issuer(issuer)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .subject(app.objectId)
                .claim("tid", tenantId)
                .claim("appid", app.clientId)
                .claim("azp", app.clientId)
                .claim("appidacr", certificateCredential ? "2" : "1")
                .claim("azpacr", certificateCredential ? "2" : "1")
                .claim("oid", app.objectId)
                .claim("idtyp", "app")
                .claim("ver", "2.0")
                .claim("app_displayname", app.displayName);
        if (!roles.isEmpty()) {   // as Entra: no roles granted means no roles claim at all
            claims.claim("roles", roles);
        }
        RSAKey signing = key();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(signing.getKeyID()).build(),
                claims.build());
        try {
            jwt.sign(new RSASSASigner(signing));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign with a freshly generated RSA key", e);
        }
        return jwt.serialize();
    }

    Verified verify(String token, Instant now) throws Rejected {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new Rejected("the token is not a signed JWT");
        }
        RSAKey signing = key();
        if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
            throw new Rejected("the token is not signed with RS256");
        }
        if (!signing.getKeyID().equals(jwt.getHeader().getKeyID())) {
            throw new Rejected("the token's signing key is unknown");
        }
        try {
            if (!jwt.verify(new RSASSAVerifier(signing))) {
                throw new Rejected("the token's signature is invalid");
            }
        } catch (JOSEException e) {
            throw new Rejected("the token's signature cannot be verified");
        }
        if (!issuer.equals(claims.getIssuer())) {
            throw new Rejected("the token's issuer is not " + issuer);
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(resource)) {
            throw new Rejected("the token's audience is not " + resource);
        }
        Object tid = claims.getClaim("tid");
        if (!tenantId.equals(tid)) {
            throw new Rejected("the token is from another tenant");
        }
        Date exp = claims.getExpirationTime();
        if (exp == null || !now.isBefore(exp.toInstant())) {
            throw new Rejected("the token is expired");
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now.isBefore(nbf.toInstant())) {
            throw new Rejected("the token is not valid yet");
        }
        Object appid = claims.getClaim("appid");
        if (!(appid instanceof String clientId)) {
            throw new Rejected("the token names no application");
        }
        Set<String> roles = new HashSet<>();
        try {
            List<String> list = claims.getStringListClaim("roles");
            if (list != null) {
                roles.addAll(list);
            }
        } catch (ParseException e) {
            throw new Rejected("the token's roles are malformed");
        }
        return new Verified(clientId, roles, exp.toInstant());
    }

    /** An ID token for a person signed in to {@code clientId}, as Entra's v2.0 endpoint issues it. */
    String issueIdToken(String clientId, SignInUser user, String nonce, Instant now, Duration lifetime) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .audience(clientId)
                .issuer(issuer)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .subject(user.objectId())
                .claim("tid", tenantId)
                .claim("oid", user.objectId())
                .claim("preferred_username", user.userName())
                .claim("name", user.displayName())
                .claim("ver", "2.0");
        if (nonce != null) {
            claims.claim("nonce", nonce);
        }
        if (!user.roles().isEmpty()) {
            claims.claim("roles", user.roles());
        }
        return sign(claims.build());
    }

    private String sign(JWTClaimsSet claims) {
        RSAKey signing = key();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(signing.getKeyID()).build(),
                claims);
        try {
            jwt.sign(new RSASSASigner(signing));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign with a freshly generated RSA key", e);
        }
        return jwt.serialize();
    }
}
