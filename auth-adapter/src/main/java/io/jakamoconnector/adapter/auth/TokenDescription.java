package io.jakamoconnector.adapter.auth;

import io.jakamoconnector.domain.model.auth.AccessToken;
import io.jakamoconnector.domain.model.auth.Fingerprint;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a token says about itself, for people: the {@code token} command prints this. Read from the JWT's payload
 * without verifying its signature (only Jakamo does that); an opaque token gives {@code decoded == false} and only
 * the facts the token service sent next to it.
 *
 * @param fingerprint names the token in logs and the audit trail (first 16 hex characters of its SHA-256)
 * @param receivedAt when this machine received it (local clock)
 * @param expiresAt when the adapter stops using it (from {@code expires_in}, local clock)
 * @param refreshAt when the adapter fetches the next one in the background
 * @param audience the {@code aud} claim: the API the token is for
 * @param roles the {@code roles} claim: the permissions Jakamo granted the application; empty before approval
 * @param claimedIssuedAt the {@code iat} claim (the token service's clock), or null
 * @param claimedExpiresAt the {@code exp} claim, or null
 * @param tenantId the {@code tid} claim, or null
 * @param applicationId the {@code appid} (v1) or {@code azp} (v2) claim: the client id, or null
 * @param issuer the {@code iss} claim, or null
 */
public record TokenDescription(Fingerprint fingerprint, Instant receivedAt, Instant expiresAt, Instant refreshAt,
                               boolean decoded, List<String> audience, List<String> roles, Instant claimedIssuedAt,
                               Instant claimedExpiresAt, String tenantId, String applicationId, String issuer) {

    /** Clocks closer than this are fine; further apart, Entra's 5-minute tolerance on assertions starts to bite. */
    static final Duration SKEW_WARNING = Duration.ofSeconds(60);

    public TokenDescription {
        Objects.requireNonNull(fingerprint, "fingerprint");
        audience = List.copyOf(audience);
        roles = List.copyOf(roles);
    }

    /** Describes a token; never fails (a token that is not a JWT is described as opaque). */
    public static TokenDescription of(AccessToken token) {
        Map<String, Object> claims = claims(token.value());
        if (claims == null) {
            return new TokenDescription(token.fingerprint(), token.issuedAt(), token.expiresAt(), token.refreshAt(),
                    false, List.of(), List.of(), null, null, null, null, null);
        }
        String applicationId = text(claims.get("appid"));
        if (applicationId == null) {
            applicationId = text(claims.get("azp"));
        }
        return new TokenDescription(token.fingerprint(), token.issuedAt(), token.expiresAt(), token.refreshAt(), true,
                strings(claims.get("aud")), strings(claims.get("roles")), epochSeconds(claims.get("iat")),
                epochSeconds(claims.get("exp")), text(claims.get("tid")), applicationId, text(claims.get("iss")));
    }

    /**
     * How far the token service's clock is ahead of this machine's (negative: behind), estimated from {@code iat}
     * against the local time of receipt; accurate to about a second plus the request's duration.
     */
    public Optional<Duration> clockSkew() {
        return claimedIssuedAt == null ? Optional.empty() : Optional.of(Duration.between(receivedAt, claimedIssuedAt));
    }

    /** How long the token is still used for, from {@code now}. */
    public Duration remainingAt(Instant now) {
        Duration left = Duration.between(now, expiresAt);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /**
     * What looks wrong for this registration, each as a sentence saying what to do; empty when all is well. Checks the
     * audience against the environment's API, the roles, the tenant, the client id and the clock.
     */
    public List<String> warnings(TokenRegistration registration) {
        List<String> warnings = new ArrayList<>();
        String integration = registration.integration().value();
        if (!decoded) {
            warnings.add(integration + ": the token is not a JWT, so its audience and roles cannot be checked here");
            return warnings;
        }
        String resource = registration.environment().scope().resource();
        if (audience.stream().noneMatch(a -> a.equals(resource) || a.equals(resource + "/"))) {
            warnings.add(integration + ": the token is for " + (audience.isEmpty() ? "no audience" : String.join(", ", audience))
                    + ", but the " + registration.environment().name() + " environment's API expects " + resource
                    + "; check " + registration.configKey("environment"));
        }
        if (roles.isEmpty()) {
            warnings.add(integration + ": the token carries no roles, so Jakamo will refuse it (403): Jakamo's"
                    + " administrators have not approved application " + registration.clientId() + " yet, or approved it"
                    + " less than 10 minutes ago (tokens work 5-10 minutes after approval)");
        }
        String tenant = registration.environment().tenantId().value();
        if (tenantId != null && !tenantId.equalsIgnoreCase(tenant)) {
            warnings.add(integration + ": the token was issued by tenant " + tenantId + ", not the "
                    + registration.environment().name() + " tenant " + tenant + "; check " + registration.configKey("environment"));
        }
        if (applicationId != null && !applicationId.equalsIgnoreCase(registration.clientId().value())) {
            warnings.add(integration + ": the token names application " + applicationId + ", not "
                    + registration.clientId() + " from " + registration.configKey("clientId"));
        }
        clockSkew().filter(skew -> skew.abs().compareTo(SKEW_WARNING) > 0).ifPresent(skew -> warnings.add(integration
                + ": this machine's clock is about " + skew.abs().toSeconds() + " s "
                + (skew.isNegative() ? "ahead of" : "behind") + " the token service's; set up time synchronisation (NTP)"));
        return warnings;
    }

    @Override
    public String toString() {
        return "TokenDescription[fingerprint=" + fingerprint + ", expiresAt=" + expiresAt + ", audience=" + audience
                + ", roles=" + roles + "]";
    }

    /** The payload of a JWT as a map, or null if the token is not one. */
    static Map<String, Object> claims(String token) {
        int first = token.indexOf('.');
        if (first < 0) {
            return null;
        }
        int second = token.indexOf('.', first + 1);
        String payload = second < 0 ? token.substring(first + 1) : token.substring(first + 1, second);
        try {
            byte[] json = Base64.getUrlDecoder().decode(payload);
            return JsonReader.parseObject(new String(json, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {   // bad base64 or bad JSON alike
            return null;
        }
    }

    private static List<String> strings(Object claim) {
        if (claim instanceof String s) {
            return List.of(s);
        }
        if (claim instanceof List<?> list) {
            return list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        return List.of();
    }

    private static String text(Object claim) {
        return claim instanceof String s ? s : null;
    }

    private static Instant epochSeconds(Object claim) {
        if (!(claim instanceof BigDecimal number)) {
            return null;
        }
        try {
            return Instant.ofEpochSecond(number.longValue());
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }
}
