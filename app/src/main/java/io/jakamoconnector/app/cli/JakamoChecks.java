package io.jakamoconnector.app.cli;

import io.jakamoconnector.adapter.auth.SecretSources;
import io.jakamoconnector.adapter.auth.SecretValue;
import io.jakamoconnector.adapter.auth.UnreadableSecretException;
import io.jakamoconnector.adapter.jakamo.HttpJakamoProbeAdapter;
import io.jakamoconnector.adapter.jakamo.HttpJakamoProbeAdapter.BasicAuthAnswer;
import io.jakamoconnector.adapter.jakamo.HttpJakamoProbeAdapter.Reachability;
import io.jakamoconnector.adapter.jakamo.JakamoIntegration;
import io.jakamoconnector.adapter.jakamo.QueuePathAnswer;
import io.jakamoconnector.app.config.IntegrationConfig;
import io.jakamoconnector.app.config.LegacyBasicAuthConfig;
import io.jakamoconnector.app.wiring.AuthModule;
import io.jakamoconnector.domain.model.InvalidValueException;
import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.model.auth.EnvironmentKind;
import io.jakamoconnector.domain.service.AuditWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Doctor's questions to Jakamo: can this machine reach each API base URL (and if not, why, with the fix), and does
 * Jakamo still accept an integration's old basic credentials (the seed's last security step). Neither question
 * consumes anything: the reachability request carries no credential, the basic probe is one GET of the queue head whose
 * body is closed unread and which is never acknowledged.
 */
final class JakamoChecks {
    private static final String OPTS_WHERE = " (or these options before -jar in the systemd unit's ExecStart; "
            + "docs/configuration.md)";
    static final String PROXY_OPTS = "JAKAMO_CONNECTOR_JAVA_OPTS=\"-Dhttps.proxyHost=proxy.example.com "
            + "-Dhttps.proxyPort=3128\"" + OPTS_WHERE;
    static final String TRUSTSTORE_OPTS = "JAKAMO_CONNECTOR_JAVA_OPTS=\"-Djavax.net.ssl.trustStore="
            + "/etc/jakamo-connector/truststore.p12 -Djavax.net.ssl.trustStorePassword=changeit\"" + OPTS_WHERE;

    private final DoctorReport report;
    private final Function<IntegrationConfig, HttpJakamoProbeAdapter> probes;
    private final AuditWriter audit;
    private final SecretSources secrets;

    /** @param probes the probe for each integration, trusting what its environment needs (the sandbox CA for sandbox ones) */
    JakamoChecks(DoctorReport report, Function<IntegrationConfig, HttpJakamoProbeAdapter> probes, AuditWriter audit,
                 SecretSources secrets) {
        this.report = report;
        this.probes = probes;
        this.audit = audit;
        this.secrets = secrets;
    }

    /** One line per API base URL, naming the integrations behind it; the integrations whose base URL answered. */
    List<IntegrationConfig> reachability(List<IntegrationConfig> integrations) {
        Map<URI, List<IntegrationConfig>> byBase = new LinkedHashMap<>();
        for (IntegrationConfig integration : integrations) {
            byBase.computeIfAbsent(integration.environment().apiBaseUrl(), b -> new ArrayList<>()).add(integration);
        }
        List<IntegrationConfig> reachable = new ArrayList<>();
        for (Map.Entry<URI, List<IntegrationConfig>> entry : byBase.entrySet()) {
            IntegrationConfig first = entry.getValue().get(0);
            String where = entry.getKey() + " (" + first.environment().name() + "; " + entry.getValue().stream()
                    .map(i -> i.name().value()).toList() + ")";
            Reachability r = probes.apply(first).reachability(jakamo(first));
            if (r.reachable()) {
                report.ok("jakamo", where + ": reachable in " + r.latency().toMillis() + " ms, " + r.detail()
                        + (r.addresses().isEmpty() ? "" : "; " + r.addresses()));
                reachable.addAll(entry.getValue());
            } else {
                report.fail("jakamo", where + ": " + headline(r) + ": " + r.detail(), fix(r, first));
            }
        }
        return reachable;
    }

    /** The seed's security step for one integration: are its old basic credentials refused? */
    void basicAuthentication(IntegrationConfig integration, boolean reachable) {
        String check = "basic-auth " + integration.name();
        if (integration.legacyBasicAuth().isEmpty()) {
            report.warn(check, "not checked: no old basic credentials configured for " + integration.name() + ". An "
                    + "integration migrated from basic authentication keeps accepting its old user name and password "
                    + "until Jakamo support prevents it, and they open its queue to anyone who holds them. To check, "
                    + "add " + integration.key("legacyBasicAuth") + ": { username: ..., password: { file: ... } } "
                    + "(docs/configuration.md); if this integration never had basic credentials, nothing to do.");
            return;
        }
        LegacyBasicAuthConfig basic = integration.legacyBasicAuth().get();
        if (!reachable) {
            report.warn(check, "not checked: Jakamo did not answer at " + integration.environment().apiBaseUrl()
                    + " (see the jakamo line above); the old credentials were not sent");
            return;
        }
        BasicAuthAnswer answer;
        try (SecretValue stored = AuthModule.reference(basic.password()).read(secrets);
             SecretValue password = stored.trimmed()) {
            if (password.isEmpty()) {
                report.fail(check, integration.key("legacyBasicAuth.password") + ": " + basic.password() + " is empty",
                        "put the old basic-authentication password there, or remove legacyBasicAuth");
                return;
            }
            char[] chars = password.chars();
            try {
                answer = probes.apply(integration).probeBasicAuth(jakamo(integration), basic.username(), chars);
            } finally {
                Arrays.fill(chars, '\0');
            }
        } catch (UnreadableSecretException e) {
            report.fail(check, integration.key("legacyBasicAuth.password") + ": " + e.getMessage(),
                    "fix the reference named above (docs/configuration.md, secrets)");
            return;
        } catch (InvalidValueException e) {
            report.fail(check, integration.key("legacyBasicAuth") + ": " + e.getMessage(),
                    "correct the old user name in the configuration");
            return;
        }
        audit(integration, basic, answer);
        String what = "old basic credentials of user " + basic.username() + ", GET " + answer.probed().getPath()
                + ": " + answer.detail();
        switch (answer.verdict()) {
            case PREVENTED -> report.ok(check, what + ": basic authentication is prevented");
            case REFUSED -> report.warn(check, what + ". Proven: these credentials do not open the queue. Not proven: "
                    + "that basic authentication is prevented for integration " + integration.name() + ", since a "
                    + "wrong or outdated password is answered the same way" + (answer.basicChallenge()
                    ? " (and Jakamo still asks for basic authentication)" : "") + ". Make "
                    + integration.key("legacyBasicAuth") + " hold the last password set in Jakamo and run doctor "
                    + "again, or ask Jakamo support to confirm basic authentication is prevented for integration "
                    + integration.name());
            case ACCEPTED -> report.fail(check, "SECURITY RISK: Jakamo still accepts the " + what + ". Anyone "
                            + "holding the old password can read and clear this integration's queue. (The message at "
                            + "the head of the queue was neither read nor acknowledged: the queue is as it was.)",
                    "ask Jakamo support to prevent basic authentication for integration " + integration.name()
                            + "; then run doctor again: it expects 401");
            case INCONCLUSIVE -> report.fail(check, "could not confirm that basic authentication is prevented: " + what,
                    "run doctor again once Jakamo answers normally; if this stays, ask Jakamo support to confirm that "
                            + "basic authentication is prevented for integration " + integration.name());
            default -> throw new IllegalStateException("unknown verdict " + answer.verdict());
        }
    }

    private void audit(IntegrationConfig integration, LegacyBasicAuthConfig basic, BasicAuthAnswer answer) {
        AuditOutcome outcome = switch (answer.verdict()) {
            case ACCEPTED -> AuditOutcome.OK;
            case PREVENTED, REFUSED -> AuditOutcome.DENIED;
            case INCONCLUSIVE -> AuditOutcome.FAIL;
        };
        AuditEvent.Builder event = AuditEvent.builder(AuditAction.CREDENTIAL_PROBED, outcome)
                .integration(integration.name())
                .reason("doctor: basic-authentication probe as user " + basic.username() + ", GET "
                        + answer.probed().getPath() + ": " + answer.verdict().name().toLowerCase(java.util.Locale.ROOT)
                        + (answer.status() == 0 ? "" : " (" + answer.status() + ")")
                        + (answer.verdict() == BasicAuthAnswer.Verdict.REFUSED ? "; not proven that basic "
                        + "authentication is prevented: a wrong password is answered the same way" : "")
                        + (answer.verdict() == BasicAuthAnswer.Verdict.ACCEPTED ? "; security risk: ask Jakamo support "
                        + "to prevent basic authentication" : "") + "; body not read, nothing acknowledged");
        if (answer.latency() != null) {
            event = event.durationMillis(answer.latency().toMillis());
        }
        audit.write(event);
    }

    /**
     * Whether the configured queue path answers like a Jakamo queue to a read with the integration's token. A bare 404
     * may be a real empty queue (Jakamo documents a {@code <status>} body for it), so it is a WARN naming the key.
     */
    void queuePath(IntegrationConfig integration, boolean reachable, java.util.function.Supplier<String> token) {
        String check = "queue path " + integration.name();
        String key = integration.key("jakamo.paths." + (integration.kind()
                == io.jakamoconnector.domain.model.exchange.IntegrationKind.CLAIMS ? "claimQueue" : "orderQueue"));
        if (!reachable) {
            report.warn(check, "not checked: Jakamo did not answer at " + integration.environment().apiBaseUrl());
            return;
        }
        String value;
        try {
            value = token.get();
        } catch (RuntimeException e) {
            report.warn(check, "not checked: no token (see the token check)");
            return;
        }
        QueuePathAnswer answer = probes.apply(integration).probeQueuePath(jakamo(integration), value);
        String what = "GET " + answer.probed().getRawPath() + " with the integration's token " + answer.detail();
        switch (answer.verdict()) {
            case LIKE_A_QUEUE -> report.ok(check, what + "; nothing acknowledged");
            case BARE_404 -> report.warn(check, what + ": this path has never answered like a Jakamo queue (a "
                    + "message, 204 or a <status> body); an empty queue might answer so, a wrong path does; check "
                    + key);
            case OTHER -> report.warn(check, what + "; check " + key + " and the token check");
        }
    }

    private static JakamoIntegration jakamo(IntegrationConfig integration) {
        return JakamoIntegration.of(integration.name(), integration.kind(), integration.environment(),
                io.jakamoconnector.app.wiring.JakamoModule.options(integration))
                .withTrustedHosts(integration.jakamo().trustedHosts());
    }

    private static String headline(Reachability r) {
        return switch (r.outcome()) {
            case DNS_FAILURE -> "the host name does not resolve";
            case CONNECTION_REFUSED -> "the connection was refused";
            case CONNECT_TIMEOUT -> "no connection (timed out)";
            case NO_ANSWER -> "connected, but no answer";
            case TLS_UNTRUSTED -> "TLS: the server's certificate is not trusted";
            case TLS_HOSTNAME_MISMATCH -> "TLS: the certificate is not for this host name";
            case TLS_FAILURE -> "TLS failed";
            case PROXY_AUTHENTICATION -> "a proxy wants its own credentials";
            case NOT_JAKAMO -> "the answer is not from Jakamo's API";
            case SERVER_ERROR -> "Jakamo or a gateway in front of it fails";
            case JAKAMO -> "reachable";
        };
    }

    /** What to do, in the words of whoever runs the connector. */
    static String fix(Reachability r, IntegrationConfig integration) {
        URI base = integration.environment().apiBaseUrl();
        String host = base.getHost();
        int port = base.getPort() == -1 ? 443 : base.getPort();
        boolean sandbox = integration.environment().kind() == EnvironmentKind.SANDBOX;
        String network = "allow outgoing HTTPS (TCP " + port + ") from this machine to " + host + ", or, if your "
                + "network lets only a proxy out, name it: " + PROXY_OPTS;
        return switch (r.outcome()) {
            case DNS_FAILURE -> sandbox ? "check sandbox.apiBaseUrl: its host must be this machine's loopback address"
                    : "check this machine's DNS: 'getent hosts " + host + "' must print an address; if names outside "
                    + "your network resolve only through a proxy, name it: " + PROXY_OPTS;
            case CONNECTION_REFUSED -> sandbox ? "start the sandbox ('jakamo-connector sandbox') and use the "
                    + "configuration it writes: sandbox.apiBaseUrl must be the address it prints"
                    : "nothing accepts the connection: a firewall rejects it; " + network;
            case CONNECT_TIMEOUT -> "a firewall drops the connection silently; " + network;
            case NO_ANSWER -> "a proxy or firewall that inspects traffic may hold the request: try again; if it "
                    + "stays, ask your network team to let this machine reach " + host + " directly";
            case TLS_UNTRUSTED -> sandbox ? "trust the sandbox's own CA: sandbox.caCertificate must be the "
                    + "sandbox-ca.pem that the running sandbox wrote (restart 'jakamo-connector sandbox' and use the "
                    + "configuration it writes)"
                    : "the certificate comes from an authority this JVM does not trust, usually a proxy that inspects "
                    + "TLS: import that authority's certificate into a copy of the JDK's cacerts (keytool -importcert "
                    + "-file proxy-ca.pem -keystore /etc/jakamo-connector/truststore.p12) and point the connector at "
                    + "it with the truststore option: " + TRUSTSTORE_OPTS + "; better, ask your network team to let "
                    + host + " through uninspected";
            case TLS_HOSTNAME_MISMATCH -> sandbox ? "use the address the sandbox prints (https://127.0.0.1:<port>) in "
                    + "sandbox.apiBaseUrl; its certificate names 127.0.0.1 and localhost only"
                    : "the certificate " + host + " presented was issued for another name: a proxy or a wrong DNS "
                    + "entry answers for " + host + "; check 'getent hosts " + host + "' and the proxy, or, for a proxy "
                    + "that inspects TLS, see the truststore option: " + TRUSTSTORE_OPTS;
            case TLS_FAILURE -> "no TLS session could be agreed with " + host + ":" + port + ": is this port HTTPS? "
                    + "a proxy that must be used is named with " + PROXY_OPTS;
            case PROXY_AUTHENTICATION -> "the proxy wants credentials the connector does not send: ask your network "
                    + "team to let this machine reach " + host + " without proxy authentication";
            case NOT_JAKAMO -> (sandbox ? "check sandbox.apiBaseUrl; " : "")
                    + "something other than Jakamo's API answered " + base + ": a proxy or captive portal (its page "
                    + "is named above) or a wrong address; let this machine reach " + host + " directly, or name the "
                    + "proxy: " + PROXY_OPTS;
            case SERVER_ERROR -> "try again in a few minutes; if it stays, ask Jakamo support (or your network team, "
                    + "if the answer came from your proxy)";
            case JAKAMO -> "nothing to fix";
        };
    }
}
