package io.jakamoconnector.adapter.auth;

import static io.jakamoconnector.domain.port.out.AccessTokenUnavailableException.Reason.APP_NOT_APPROVED;
import static io.jakamoconnector.domain.port.out.AccessTokenUnavailableException.Reason.CERTIFICATE_REJECTED;
import static io.jakamoconnector.domain.port.out.AccessTokenUnavailableException.Reason.CREDENTIAL_UNREADABLE;
import static io.jakamoconnector.domain.port.out.AccessTokenUnavailableException.Reason.EMPTY_TOKEN;
import static io.jakamoconnector.domain.port.out.AccessTokenUnavailableException.Reason.INVALID_CLIENT;
import static io.jakamoconnector.domain.port.out.AccessTokenUnavailableException.Reason.INVALID_SCOPE;
import static io.jakamoconnector.domain.port.out.AccessTokenUnavailableException.Reason.NETWORK;
import static io.jakamoconnector.domain.port.out.AccessTokenUnavailableException.Reason.SECRET_EXPIRED;
import static io.jakamoconnector.domain.port.out.AccessTokenUnavailableException.Reason.SERVICE_UNAVAILABLE;
import static io.jakamoconnector.domain.port.out.AccessTokenUnavailableException.Reason.THROTTLED;
import static io.jakamoconnector.domain.port.out.AccessTokenUnavailableException.Reason.UNEXPECTED;
import static io.jakamoconnector.domain.port.out.AccessTokenUnavailableException.Reason.UNKNOWN_CLIENT;

import com.microsoft.aad.msal4j.MsalClientException;
import com.microsoft.aad.msal4j.MsalServiceException;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.model.exchange.RetryAfter;
import io.jakamoconnector.domain.port.out.AccessTokenUnavailableException;
import io.jakamoconnector.domain.port.out.AccessTokenUnavailableException.Reason;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what MSAL and the network throw into {@link AccessTokenUnavailableException}s that say what to change and
 * where: the integration, the configuration key, the Entra error code and correlation id. Decisions on Entra's answers
 * rest on the OAuth {@code error} field and the AADSTS code in the description (Entra's texts change; the codes are
 * kept for diagnosis); failures before an answer (TLS, proxy, DNS, connection) are the
 * {@link NetworkFailureTranslator}'s. Foreign texts go on only as scrubbed causes, and no message carries a secret or
 * a token.
 */
final class EntraErrorTranslator {
    private static final Pattern AADSTS = Pattern.compile("AADSTS(\\d{4,8})");

    private final TokenRegistration registration;
    private final TokenClientSettings settings;
    private final Clock clock;
    private final NetworkFailureTranslator network;

    EntraErrorTranslator(TokenRegistration registration, TokenClientSettings settings, Clock clock) {
        this.registration = registration;
        this.settings = settings;
        this.clock = clock;
        this.network = new NetworkFailureTranslator(registration, settings, clock);
    }

    Failure translate(Throwable thrown, String requestId, LoadedCredential credential) {
        Throwable t = unwrap(thrown);
        SecretValue secret = credential == null ? null : credential.secret();
        if (t instanceof MsalServiceException s) {
            return service(s, requestId, credential);
        }
        if (t instanceof TimeoutException) {
            return failure(NETWORK, "no answer from the token service " + tokenUrl() + " within "
                    + seconds(settings.callTimeout()) + "; it may be down or a firewall may swallow the connection"
                    + proxyHint(), null, requestId, null, true, "timeout", AuditOutcome.FAIL);
        }
        if (t instanceof UnreadableSecretException u) {
            return unreadable(u);
        }
        if (t instanceof RejectedExecutionException) {
            return failure(NETWORK, "too many token requests are hanging at once (each ends at its read timeout of "
                    + seconds(settings.readTimeout()) + "); the token service " + tokenUrl() + " is not answering",
                    null, requestId, t, false, "executor_full", AuditOutcome.FAIL);
        }
        if (t instanceof MsalClientException c) {
            return network.translate(c, requestId, secret);
        }
        if (t != thrown && t instanceof RuntimeException && !(t instanceof CancellationException)) {
            // MSAL itself tripped over the answer: an empty 200 makes its JSON reader throw a NullPointerException
            return failure(SERVICE_UNAVAILABLE, "the answer of the token service " + tokenUrl() + " could not be read ("
                    + t.getClass().getSimpleName() + " inside MSAL: an empty or malformed response)" + proxyHint(), null,
                    requestId, Redaction.copy(t, secret), true, "unreadable_answer", AuditOutcome.FAIL);
        }
        if (t instanceof CancellationException || t instanceof InterruptedException) {
            return failure(UNEXPECTED, "the token request was cancelled because the connector is shutting down",
                    null, requestId, null, false, "cancelled", AuditOutcome.FAIL);
        }
        return failure(UNEXPECTED, "the token request failed unexpectedly (" + t.getClass().getSimpleName()
                + "); see the log", null, requestId, Redaction.copy(t, secret), false, "unexpected", AuditOutcome.FAIL);
    }

    /** A credential that cannot be read or parsed: the operator has to fix the file, variable or permission. */
    Failure unreadable(UnreadableSecretException e) {
        String key = registration.configKey(registration.credential().configKey());
        return failure(CREDENTIAL_UNREADABLE, "the credential configured as " + key + " cannot be used: " + e.getMessage(),
                null, null, e, false, "credential_unreadable", AuditOutcome.FAIL);
    }

    /** The token service answered 200 without a usable token. */
    Failure emptyToken(String requestId, String why) {
        return failure(EMPTY_TOKEN, "the token service " + tokenUrl() + " answered without a usable access token ("
                + why + "); this is its fault or a proxy's, not the configuration's", null, requestId, null, true,
                "empty_token", AuditOutcome.FAIL);
    }

    private Failure service(MsalServiceException s, String requestId, LoadedCredential credential) {
        String error = s.errorCode() == null ? "unknown" : s.errorCode();
        Integer status = s.statusCode();
        int code = aadsts(s.getMessage());
        String correlation = s.correlationId() != null && !s.correlationId().isBlank() ? s.correlationId() : requestId;
        Throwable cause = Redaction.copy(s, credential == null ? null : credential.secret());
        Duration retryAfter = retryAfter(s.headers());
        String entra = "(" + (code > 0 ? "AADSTS" + code + ", " : "") + error
                + (status != null ? ", HTTP " + status : "") + ", correlation id " + correlation + ")";
        String auditCode = code > 0 ? "AADSTS" + code : error;
        String prefix = registration.configPath();
        String clientIdKey = registration.configKey("clientId");
        String environmentKey = registration.configKey("environment");
        String credentialKey = registration.configKey(registration.credential().configKey());
        String clientId = registration.clientId().value();
        String tenant = registration.environment().tenantId().value();
        String environment = registration.environment().name();

        switch (code) {
            case 7000215 -> {
                String hint = credential != null && credential.looksLikeSecretId()
                        ? " The configured secret has the form of a GUID: that is the secret's ID, not its value."
                        : "";
                return failure(INVALID_CLIENT, "Entra ID refused the client secret of application " + clientId + " "
                        + entra + ". Put the secret's Value into " + describe(credentialKey) + " — a common mistake is"
                        + " pasting the Secret ID (a GUID) instead of the value, which is shown only once when the"
                        + " secret is created." + hint, null, correlation, cause, false, auditCode, AuditOutcome.DENIED);
            }
            case 7000222 -> {
                return failure(SECRET_EXPIRED, "the client secret of application " + clientId + " has expired " + entra
                        + ". Get a new secret for the application (Jakamo: Company Admin → Integrations → OAuth2"
                        + " Applications) and put its value into " + describe(credentialKey) + ", or configure "
                        + prefix + ".clientCertificate instead.", null, correlation, cause, false, auditCode,
                        AuditOutcome.DENIED);
            }
            case 700016 -> {
                return failure(UNKNOWN_CLIENT, "Entra ID tenant " + tenant + " (" + environment + ") has no application "
                        + clientId + " " + entra + ". Check " + clientIdKey + " against the Application (client) ID"
                        + " Jakamo shows for the application, and " + environmentKey + ": demo and production are"
                        + " separate tenants, and an application registered in one does not exist in the other.",
                        null, correlation, cause, false, auditCode, AuditOutcome.DENIED);
            }
            case 90002, 90027 -> {
                return failure(UNKNOWN_CLIENT, "Entra ID does not know tenant " + tenant + " " + entra + ". Check "
                        + environmentKey + (registration.environment().kind().name().equals("SANDBOX")
                        ? " and sandbox.tenantId / sandbox.authority" : "") + ".", null, correlation, cause, false,
                        auditCode, AuditOutcome.DENIED);
            }
            case 1002012, 70011, 700022, 500011, 900023 -> {
                String scope = registration.environment().scope().value();
                return failure(INVALID_SCOPE, "Entra ID refused the scope " + scope + " " + entra + ". Client"
                        + " credentials need the Jakamo API's resource followed by /.default; for the " + environment
                        + " environment that is " + scope + ". Check that " + environmentKey + " is the environment"
                        + " the application was registered in" + (registration.environment().kind().name().equals("SANDBOX")
                        ? " and that sandbox.scope is the sandbox's" : "") + ".", null, correlation, cause, false,
                        auditCode, AuditOutcome.DENIED);
            }
            case 7000112 -> {
                return notApproved(entra, correlation, cause, auditCode);
            }
            case 700027, 50012, 700021, 5002738, 700023, 7000274 -> {
                return failure(CERTIFICATE_REJECTED, "Entra ID did not accept the certificate credential of application "
                        + clientId + " " + entra + ". The certificate registered for the application must be the one in "
                        + describe(credentialKey) + thumbprints(credential) + "; register this certificate for the"
                        + " application, or point " + credentialKey + " at the key and certificate that are registered.",
                        null, correlation, cause, false, auditCode, AuditOutcome.DENIED);
            }
            case 700024 -> {
                return failure(CERTIFICATE_REJECTED, "Entra ID refused the signed client assertion as outside its valid"
                        + " time " + entra + ": this machine's clock (now " + clock.instant() + ") is probably wrong;"
                        + " set up time synchronisation (NTP). Nothing to change in " + credentialKey + ".", null,
                        correlation, cause, false, auditCode, AuditOutcome.DENIED);
            }
            case 7000218 -> {
                return failure(INVALID_CLIENT, "Entra ID received no credential for application " + clientId + " " + entra
                        + ". Configure " + prefix + ".clientSecret or " + prefix + ".clientCertificate.", null,
                        correlation, cause, false, auditCode, AuditOutcome.DENIED);
            }
            case 50196 -> {
                return failure(THROTTLED, "Entra ID detected a request loop: too many identical token requests " + entra
                        + ". This is a bug in token caching; report it. Retry after " + after(retryAfter) + ".",
                        orDefault(retryAfter), correlation, cause, false, auditCode, AuditOutcome.FAIL);
            }
            default -> {
                // decided by the OAuth error and the status below
            }
        }
        if (status != null && status == 429) {
            return failure(THROTTLED, "Entra ID is throttling token requests " + entra + "; the connector retries after "
                    + after(retryAfter) + ". If this persists, something requests tokens far too often.",
                    orDefault(retryAfter), correlation, cause, true, auditCode, AuditOutcome.FAIL);
        }
        if ((status != null && status >= 500) || "temporarily_unavailable".equals(error) || "server_error".equals(error)
                || code == 90024 || code == 50033 || code == 90006 || code == 90033) {
            return failure(SERVICE_UNAVAILABLE, "Entra ID's token service is temporarily unavailable " + entra
                    + (retryAfter != null ? "; it asked to retry after " + after(retryAfter) : "")
                    + ". Nothing to change in the configuration.", retryAfter, correlation, cause, true, auditCode,
                    AuditOutcome.FAIL);
        }
        if ("invalid_json".equals(error)) {
            return failure(SERVICE_UNAVAILABLE, "the token service " + tokenUrl() + " answered with something other"
                    + " than a token response (not JSON: a proxy's error page?)" + proxyHint(), null, correlation, cause,
                    true, "invalid_json", AuditOutcome.FAIL);
        }
        if ("unauthorized_client".equals(error)) {
            return notApproved(entra, correlation, cause, auditCode);
        }
        if ("invalid_client".equals(error)) {
            return failure(INVALID_CLIENT, "Entra ID refused the credential of application " + clientId + " " + entra
                    + ". Check " + describe(credentialKey) + " and " + clientIdKey + ".", null, correlation, cause, false,
                    auditCode, AuditOutcome.DENIED);
        }
        if ("invalid_scope".equals(error) || "invalid_resource".equals(error)) {
            return failure(INVALID_SCOPE, "Entra ID refused the scope " + registration.environment().scope() + " " + entra
                    + ". Check " + environmentKey + ".", null, correlation, cause, false, auditCode, AuditOutcome.DENIED);
        }
        if ("invalid_instance".equals(error)) {
            return failure(NETWORK, "MSAL's instance discovery refused authority " + registration.environment().authority()
                    + " " + entra + "; for a sandbox, instance discovery must be off", null, correlation, cause, false,
                    auditCode, AuditOutcome.FAIL);
        }
        boolean clientError = status != null && status >= 400 && status < 500;
        return failure(UNEXPECTED, "Entra ID refused the token request " + entra + "; see the log and quote the"
                + " correlation id to support.", null, correlation, cause, !clientError, auditCode,
                clientError ? AuditOutcome.DENIED : AuditOutcome.FAIL);
    }

    private Failure notApproved(String entra, String correlation, Throwable cause, String auditCode) {
        return failure(APP_NOT_APPROVED, "application " + registration.clientId() + " is not active " + entra
                + ". Jakamo's administrators must approve it (whoever registered it gets an e-mail), and tokens work"
                + " only 5-10 minutes after the approval. Nothing to change in " + registration.configPath()
                + "; the connector tries again in " + seconds(settings.notApprovedBackoff()) + ". If it was approved"
                + " more than 10 minutes ago, ask Jakamo support and quote the correlation id.", null, correlation, cause,
                false, auditCode, AuditOutcome.DENIED);
    }

    private Failure failure(Reason reason, String message, Duration retryAfter, String correlation, Throwable cause,
                            boolean retryNow, String code, AuditOutcome outcome) {
        return Failure.of(registration, reason, message, retryAfter, correlation, cause, retryNow, code, outcome);
    }

    private String describe(String key) {
        CredentialSource source = registration.credential();
        String where;
        if (source instanceof CredentialSource.ClientSecret s) {
            where = s.secret().describe();
        } else if (source instanceof CredentialSource.Pkcs12Certificate p) {
            where = p.keyStore().describe();
        } else {
            CredentialSource.PemCertificate pem = (CredentialSource.PemCertificate) source;
            where = pem.privateKey().describe() + (pem.certificate() == null ? "" : " with certificate file " + pem.certificate());
        }
        return where + " (" + key + ")";
    }

    private static String thumbprints(LoadedCredential credential) {
        if (credential == null || !credential.isCertificate()) {
            return "";
        }
        return " (SHA-1 thumbprint " + credential.sha1Thumbprint() + ", SHA-256 " + credential.sha256Thumbprint() + ")";
    }

    private String tokenUrl() {
        return network.tokenUrl();
    }

    private String proxyHint() {
        return network.proxyHint();
    }

    private Duration orDefault(Duration retryAfter) {
        return retryAfter != null ? retryAfter : settings.transientFailureBackoff();
    }

    private static String after(Duration retryAfter) {
        return retryAfter == null ? "a pause" : seconds(retryAfter);
    }

    static String seconds(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? (millis / 1000) + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    static int aadsts(String message) {
        if (message == null) {
            return 0;
        }
        Matcher m = AADSTS.matcher(message);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /**
     * {@code Retry-After} as a wait, read as every adapter reads it ({@link RetryAfter}), cut to the configured longest;
     * null when absent or unreadable. Header names vary in case.
     */
    Duration retryAfter(Map<String, List<String>> headers) {
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey() == null || !header.getKey().equalsIgnoreCase("Retry-After")
                    || header.getValue() == null || header.getValue().isEmpty()) {
                continue;
            }
            return RetryAfter.parse(header.getValue().get(0), clock.instant(), settings.longestRetryAfter())
                    .orElse(null);
        }
        return null;
    }

    private static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while ((current instanceof ExecutionException || current instanceof CompletionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
