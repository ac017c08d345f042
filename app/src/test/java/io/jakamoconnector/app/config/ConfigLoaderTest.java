package io.jakamoconnector.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jakamoconnector.adapter.erpfolder.FolderErpSettings;
import io.jakamoconnector.domain.model.auth.EnvironmentKind;
import io.jakamoconnector.domain.model.exchange.IntegrationKind;
import io.jakamoconnector.domain.model.validation.ValidationMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private static final String TENANT = "5d1f1c4e-0000-4000-8000-000000000001";
    private static final String VALID = """
            node: connector-1
            dataDirectory: ./data
            sandbox:
              tenantId: %s
              authority: https://127.0.0.1:48443/%s/
              scope: https://sandbox.jakamoapp.local/.default
              apiBaseUrl: https://127.0.0.1:48444
              caCertificate: ./sandbox/sandbox-ca.pem
            integrations:
              - name: orders
                kind: purchase-orders
                environment: sandbox
                clientId: 3f0c2a9e-0000-4000-8000-00000000000a
                clientSecret: { file: ./sandbox/orders.secret }
                folders: { root: ./erp/orders }
              - name: claims
                kind: claims
                environment: demo
                clientId: 3f0c2a9e-0000-4000-8000-00000000000b
                clientCertificate:
                  pkcs12: { file: ./claims.p12 }
                  password: { env: CLAIMS_P12_PASSWORD }
            """.formatted(TENANT, TENANT);

    @TempDir
    Path dir;

    private ConnectorConfig load(String yaml, Map<String, String> env) throws IOException {
        Path file = dir.resolve("jakamo-connector.yml");
        Files.writeString(file, yaml);
        return new ConfigLoader(env, dir).load(Optional.empty());
    }

    private ConfigurationException refused(String yaml, Map<String, String> env) {
        return (ConfigurationException) org.assertj.core.api.Assertions.catchThrowable(() -> load(yaml, env));
    }

    @Test
    void withoutAFileTheDefaultsApply() {
        ConnectorConfig config = new ConfigLoader(Map.of(), dir).load(Optional.empty());
        assertThat(config.source()).startsWith("(none: no jakamo-connector.yml in " + dir);
        assertThat(config.dataDirectory()).isEqualTo(dir.resolve("jakamo-data"));
        assertThat(config.database()).isEmpty();
        assertThat(config.integrations()).isEmpty();
    }

    @Test
    void readsAFullConfigurationWithPathsRelativeToTheFile() throws IOException {
        ConnectorConfig config = load(VALID, Map.of());
        assertThat(config.node()).isEqualTo("connector-1");
        assertThat(config.dataDirectory()).isEqualTo(dir.resolve("data"));
        assertThat(config.sandbox()).hasValueSatisfying(s -> {
            assertThat(s.environment().kind()).isEqualTo(EnvironmentKind.SANDBOX);
            assertThat(s.environment().tokenUrl()).hasToString("https://127.0.0.1:48443/" + TENANT + "/oauth2/v2.0/token");
            assertThat(s.caCertificate()).isEqualTo(dir.resolve("sandbox/sandbox-ca.pem"));
        });
        assertThat(config.integrations()).hasSize(2);
        IntegrationConfig orders = config.integrations().get(0);
        assertThat(orders.kind()).isEqualTo(IntegrationKind.PURCHASE_ORDERS);
        assertThat(orders.clientSecret()).contains(new SecretReference(SecretReference.Kind.FILE,
                dir.resolve("sandbox/orders.secret").toString()));
        assertThat(orders.erp()).isEqualTo(new ErpConfig("folders", FolderErpSettings.under(dir.resolve("erp/orders"))));
        IntegrationConfig claims = config.integrations().get(1);
        assertThat(claims.environment().kind()).isEqualTo(EnvironmentKind.DEMO);
        assertThat(claims.clientCertificate()).hasValueSatisfying(c -> assertThat(c.password())
                .contains(new SecretReference(SecretReference.Kind.ENV, "CLAIMS_P12_PASSWORD")));
        assertThat(claims.erp()).isEqualTo(new ErpConfig("folders", FolderErpSettings.under(dir.resolve("erp/claims"))));
    }

    @Test
    void attachmentContentTypesAddToJakamosListAndNothingIsAddedByDefault() throws IOException {
        assertThat(load(VALID, Map.of()).attachmentContentTypes()).isEmpty();
        ConnectorConfig config = load(VALID + """
                attachments:
                  contentTypes:
                    dwg: application/acad
                    step: application/step
                """, Map.of());
        assertThat(config.attachmentContentTypes()).containsExactlyInAnyOrderEntriesOf(
                Map.of("dwg", "application/acad", "step", "application/step"));
    }

    @Test
    void attachmentContentTypesRefuseUnknownKeysBadExtensionsAndBadTypesNamingEach() {
        ConfigurationException e = refused(VALID + """
                attachments:
                  contentType: { dwg: application/acad }
                  contentTypes:
                    .dwg: application/acad
                    step: step
                    stl: [model/stl]
                """, Map.of());
        assertThat(e.problems()).containsExactlyInAnyOrder(
                "attachments.contentType: unknown key (expected one of [contentTypes])",
                "attachments.contentTypes..dwg: must be a file extension without its dot, in lower case letters and "
                        + "digits (e.g. dwg), at most 16 characters",
                "attachments.contentTypes.step: must be a media type such as application/acad (type/subtype, no "
                        + "parameters)",
                "attachments.contentTypes.stl: must be a media type such as application/acad");
    }

    @Test
    void refusesUnknownKeysWithTheirPath() {
        ConfigurationException e = refused(VALID.replace("    kind: claims", "    kind: claims\n    pollEvery: 5"),
                Map.of());
        assertThat(e.problems()).containsExactly("integrations[claims].pollEvery: unknown key (expected one of "
                + "[clientCertificate, clientId, clientSecret, environment, erp, folders, jakamo, kind, legacyBasicAuth, "
                + "name, polling, retention, validation])");
    }

    @Test
    void readsTrustedHostsAndTheChangeVerbOfAnIntegration() throws IOException {
        ConnectorConfig config = load(VALID.replace("    kind: claims", "    kind: claims\n    jakamo:\n"
                + "      trustedHosts: [files.thejakamo.com, 'gw.example.com:8443']\n      changeMethod: put"), Map.of());
        IntegrationConfig claims = config.integrations().get(1);
        assertThat(claims.jakamo().trustedHosts()).containsExactly("files.thejakamo.com", "gw.example.com:8443");
        assertThat(claims.jakamo().changeMethod()).contains("PUT");
        assertThat(config.integrations().get(0).jakamo()).isEqualTo(JakamoSettings.defaults());

        ConnectorConfig fromEnv = load(VALID, Map.of("JAKAMO_CONNECTOR_INTEGRATIONS_CLAIMS_JAKAMO_TRUSTEDHOSTS",
                "a.example, b.example:444"));
        assertThat(fromEnv.integrations().get(1).jakamo().trustedHosts()).containsExactly("a.example", "b.example:444");
    }

    @Test
    void refusesATrustedHostThatIsNoHostAndAnUnknownVerb() {
        ConfigurationException e = refused(VALID.replace("    kind: claims", "    kind: claims\n    jakamo:\n"
                + "      trustedHosts: ['https://evil.example/x']\n      changeMethod: PATCH"), Map.of());
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("integrations[claims].jakamo.trustedHosts:")
                .contains("https://evil.example/x"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("integrations[claims].jakamo.changeMethod:")
                .contains("POST or PUT"));
    }

    @Test
    void readsEndpointPathsAndRefusesOneThatIsNoPath() throws IOException {
        ConnectorConfig config = load(VALID.replace("    kind: claims", "    kind: claims\n    jakamo:\n"
                + "      paths: { claimQueue: /api/claims/response, claimChange: '/api/claims/{id}' }"), Map.of());
        var paths = config.integrations().get(1).jakamo().paths(io.jakamoconnector.adapter.jakamo.JakamoPaths.defaults());
        assertThat(paths.claimQueue()).isEqualTo("/api/claims/response");
        assertThat(paths.claimChange()).isEqualTo("/api/claims/{id}");
        assertThat(paths.orderQueue()).isEqualTo("/api/order/response");

        ConfigurationException e = refused(VALID.replace("    kind: claims", "    kind: claims\n    jakamo:\n"
                + "      paths: { orderChange: /api/order, queue: /x }"), Map.of());
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("integrations[claims].jakamo.paths")
                .contains("{id}"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("integrations[claims].jakamo.paths.queue: "
                + "unknown key"));
    }

    @Test
    void refusesASecretWrittenIntoTheFile() {
        ConfigurationException e = refused(VALID.replace("{ file: ./sandbox/orders.secret }", "s3cr3t-value"), Map.of());
        assertThat(e.problems()).singleElement().asString().startsWith("integrations[orders].clientSecret: secrets are "
                + "never written in the configuration");
        assertThat(e.getMessage()).doesNotContain("s3cr3t-value");
    }

    @Test
    void theHealthListenersTimeoutAndConnectionBoundAreConfigurableWithSafeDefaults() throws IOException {
        assertThat(load(VALID, Map.of()).service().health().limits()).isEqualTo(HttpLimits.defaults());
        HttpLimits limits = load(VALID + "health:\n  idleTimeoutSeconds: 3\n  maxConnections: 20\n", Map.of())
                .service().health().limits();
        assertThat(limits.idleTimeout()).isEqualTo(java.time.Duration.ofSeconds(3));
        assertThat(limits.maxConnections()).isEqualTo(20);
        assertThat(refused(VALID + "health:\n  idleTimeoutSeconds: 0\n", Map.of()).problems())
                .singleElement().asString().startsWith("health.idleTimeoutSeconds");
    }

    @Test
    void theConsoleIsOffUnlessConfiguredAndThenListensOnLoopbackSignedInThroughItsOwnRegistration() throws IOException {
        assertThat(load(VALID, Map.of()).console().enabled()).isFalse();
        // getting-started's smallest section: on, at the default address, break-glass only
        ConsoleConfig smallest = load(VALID + "console: {}\n", Map.of()).console();
        assertThat(smallest.enabled()).isTrue();
        assertThat(smallest.port()).isEqualTo(ConsoleConfig.DEFAULT_PORT);
        assertThat(smallest.breakGlassFile()).isPresent();
        assertThat(smallest.entra()).isEmpty();
        ConsoleConfig console = load(VALID + """
                console:
                  publicUrl: https://connector.example.com/
                  sessionIdleMinutes: 15
                  entra:
                    tenantId: %s
                    clientId: 11111111-1111-1111-1111-111111111111
                    clientSecret: { file: console.secret }
                """.formatted(TENANT), Map.of()).console();
        assertThat(console.enabled()).isTrue();
        assertThat(console.bind()).isEqualTo("127.0.0.1");
        assertThat(console.port()).isEqualTo(ConsoleConfig.DEFAULT_PORT);
        assertThat(console.publicUrl(console.port())).hasToString("https://connector.example.com");
        assertThat(console.secureCookies()).isTrue();
        assertThat(console.sessionIdle()).isEqualTo(java.time.Duration.ofMinutes(15));
        assertThat(console.breakGlassFile()).isPresent();
        ConsoleConfig.Entra entra = console.entra().orElseThrow();
        assertThat(entra.authority()).hasToString("https://login.microsoftonline.com/" + TENANT + "/");
        assertThat(entra.clientSecret().kind()).isEqualTo(SecretReference.Kind.FILE);
        assertThat(entra.clientSecret().name()).isEqualTo(dir.resolve("console.secret").toString());
    }

    @Test
    void refusesAConsoleSecretInTheFileAnUnknownKeyAndAnUnregistrablePort() {
        assertThat(refused(VALID + "console:\n  colour: blue\n", Map.of()).getMessage()).contains("console.colour");
        ConfigurationException e = refused(VALID + """
                console:
                  port: 0
                  entra:
                    tenantId: %s
                    clientId: 11111111-1111-1111-1111-111111111111
                    clientSecret: s3cr3t-in-the-file
                """.formatted(TENANT), Map.of());
        assertThat(e.getMessage()).contains("console.entra.clientSecret: secrets are never written")
                .doesNotContain("s3cr3t-in-the-file");
        assertThat(refused(VALID + """
                console:
                  port: 0
                  entra: { tenantId: %s, clientId: 1111, clientSecret: { env: CONSOLE_SECRET } }
                """.formatted(TENANT), Map.of()).getMessage()).contains("console.port: 0");
    }

    @Test
    void theLongestRetryAfterHonouredIsAnHourUnlessConfigured() throws IOException {
        assertThat(load(VALID, Map.of()).service().retry().longestRetryAfter()).isEqualTo(java.time.Duration.ofHours(1));
        assertThat(load(VALID + "retry:\n  maxRetryAfterSeconds: 300\n", Map.of()).service().retry()
                .longestRetryAfter()).isEqualTo(java.time.Duration.ofMinutes(5));
        assertThat(refused(VALID + "retry:\n  maxRetryAfterSeconds: 172800\n", Map.of()).problems())
                .singleElement().asString().startsWith("retry.maxRetryAfterSeconds");
    }

    private static String database(String url, String extra) {
        return "database:\n  url: \"" + url + "\"\n  user: jakamo\n" + extra;
    }

    @Test
    void anExternalDatabaseWhoseCertificateIsNotVerifiedIsRefusedSayingWhatToAdd() {
        for (String url : List.of("jdbc:postgresql://db.example.com:5432/jakamo",
                "jdbc:postgresql://db.example.com/jakamo?sslmode=require",
                "jdbc:postgresql://db.example.com/jakamo?sslmode=verify-ca&sslrootcert=/etc/ca.pem",
                "jdbc:postgresql://db.example.com/jakamo?sslmode=prefer",
                "jdbc:postgresql://db.example.com/jakamo?ssl=true&sslmode=disable",
                "jdbc:postgresql://127.0.0.1:5432,db.example.com:5432/jakamo",
                "jdbc:postgresql://db.example.com/jakamo?sslmode=verify-full"
                        + "&sslfactory=org.postgresql.ssl.NonValidatingFactory",
                "jdbc:postgresql://10.0.0.7/jakamo?password=hunter2")) {
            ConfigurationException e = refused(VALID + database(url, ""), Map.of());
            assertThat(e.problems()).as(url).singleElement().asString()
                    .startsWith("database.url: the connection to ")
                    .contains("would not verify the server's certificate")
                    .contains("Add sslmode=verify-full&sslrootcert=")
                    .contains("database.allowUnverifiedTls: true")
                    .doesNotContain("hunter2");
        }
        assertThat(refused(VALID + database("jdbc:postgresql://db.example.com/jakamo", ""), Map.of()).problems())
                .singleElement().asString().contains("the URL sets no sslmode, and the driver's default (prefer)");
        assertThat(refused(VALID + database("jdbc:postgresql://db.example.com/jakamo?sslmode=require", ""), Map.of())
                .problems()).singleElement().asString().contains("sslmode=require does not verify");
    }

    @Test
    void verifyFullLoopbackAndUnixSocketsAreAcceptedAndTheRiskCanBeAcceptedExplicitly() throws IOException {
        for (String url : List.of("jdbc:postgresql://db.example.com:5432/jakamo?sslmode=verify-full"
                        + "&sslrootcert=/etc/jakamo-connector/db-ca.pem",
                "jdbc:postgresql://db.example.com/jakamo?ssl=true",
                "jdbc:postgresql://localhost:5432/jakamo",
                "jdbc:postgresql://127.0.0.1/jakamo", "jdbc:postgresql://127.10.0.3:5433/jakamo",
                "jdbc:postgresql://[::1]:5432/jakamo", "jdbc:postgresql:///jakamo",
                "jdbc:postgresql://localhost/jakamo?socketFactory=org.newsclub.net.unix.AFUNIXSocketFactory$FactoryArg"
                        + "&socketFactoryArg=/var/run/postgresql/.s.PGSQL.5432")) {
            DatabaseConfig db = load(VALID + database(url, ""), Map.of()).database().orElseThrow();
            assertThat(db.unverifiedTls()).as(url).isEmpty();
            assertThat(db.allowUnverifiedTls()).isFalse();
        }
        DatabaseConfig allowed = load(VALID + database("jdbc:postgresql://db.example.com/jakamo?sslmode=require",
                "  allowUnverifiedTls: true\n"), Map.of()).database().orElseThrow();
        assertThat(allowed.allowUnverifiedTls()).isTrue();
        assertThat(allowed.unverifiedTls()).hasValueSatisfying(why -> assertThat(why).contains("sslmode=require"));
        assertThat(refused(VALID + database("jdbc:postgresql://db.example.com/jakamo", "  allowUnverifiedTls: maybe\n"),
                Map.of()).problems()).anySatisfy(p -> assertThat(p)
                .isEqualTo("database.allowUnverifiedTls: must be true or false"));
    }

    @Test
    void namesMissingAndMalformedValuesAllAtOnce() {
        ConfigurationException e = refused(VALID.replace("    clientId: 3f0c2a9e-0000-4000-8000-00000000000a\n", "")
                .replace("kind: claims", "kind: claim").replace("scope: https://sandbox.jakamoapp.local/.default",
                        "scope: https://sandbox.jakamoapp.local/Orders.Read"), Map.of());
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("integrations[orders].clientId: is required"))
                .anySatisfy(p -> assertThat(p).isEqualTo(
                        "integrations[claims].kind: must be one of purchase-orders, sales-orders, claims"))
                .anySatisfy(p -> assertThat(p).isEqualTo("sandbox: scope must end with /.default"));
    }

    @Test
    void refusesAClientIdThatIsNotAGuid() {
        ConfigurationException e = refused(VALID.replace("3f0c2a9e-0000-4000-8000-00000000000a", "orders-app"), Map.of());
        assertThat(e.problems()).singleElement().asString()
                .startsWith("integrations[orders].clientId: must be the application (client) id GUID");
    }

    @Test
    void refusesTwoIntegrationsWithOneName() {
        ConfigurationException e = refused(VALID.replace("name: claims", "name: orders"), Map.of());
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("'orders' is used twice"));
    }

    @Test
    void environmentVariablesOverrideAnyKey() throws IOException {
        ConnectorConfig config = load(VALID, Map.of("JAKAMO_CONNECTOR_NODE", "from-env",
                "JAKAMO_CONNECTOR_INTEGRATIONS_ORDERS_CLIENTID", "3f0c2a9e-0000-4000-8000-0000000000ff",
                "JAKAMO_CONNECTOR_DATABASE_URL", "jdbc:postgresql://db:5432/jakamo?sslmode=verify-full",
                "JAKAMO_CONNECTOR_DATABASE_USER", "jakamo"));
        assertThat(config.node()).isEqualTo("from-env");
        assertThat(config.integrations().get(0).clientId().value()).isEqualTo("3f0c2a9e-0000-4000-8000-0000000000ff");
        assertThat(config.database()).hasValueSatisfying(d -> assertThat(d.url())
                .isEqualTo("jdbc:postgresql://db:5432/jakamo?sslmode=verify-full"));
    }

    @Test
    void refusesAnOverrideThatMatchesNoKey() {
        ConfigurationException e = refused(VALID, Map.of("JAKAMO_CONNECTOR_NDOE", "typo"));
        assertThat(e.problems()).containsExactly(
                "environment variable JAKAMO_CONNECTOR_NDOE: overrides no configuration key; check its spelling");
    }

    @Test
    void saysWhereTheYamlIsBroken() {
        ConfigurationException e = refused("node: [unclosed\n", Map.of());
        assertThat(e.problems()).singleElement().asString().startsWith("the file is not valid YAML at line");
    }

    @Test
    void aMissingConfigFileNamedByOptionIsAnError() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of(), dir).load(Optional.of(Path.of("nope.yml"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("nope.yml (from --config)")
                .hasMessageContaining("does not exist");
    }

    @Test
    void theEnvironmentCanNameTheFile() throws IOException {
        Path file = dir.resolve("elsewhere.yml");
        Files.writeString(file, "node: n2\n");
        ConnectorConfig config = new ConfigLoader(Map.of(ConfigLoader.CONFIG_ENV, file.toString()), dir)
                .load(Optional.empty());
        assertThat(config.node()).isEqualTo("n2");
        assertThat(config.source()).isEqualTo(file + " (from " + ConfigLoader.CONFIG_ENV + ")");
    }

    @Test
    void aSandboxIntegrationNeedsTheSandboxSection() {
        ConfigurationException e = refused("integrations:\n  - name: orders\n    kind: purchase-orders\n"
                + "    environment: sandbox\n    clientId: 3f0c2a9e-0000-4000-8000-00000000000a\n"
                + "    clientSecret: { env: X }\n", Map.of());
        assertThat(e.problems()).singleElement().asString().contains("there is no sandbox section");
    }

    // ---- validation: what pre-flight validation does with a dropped document's problems ----

    @Test
    void validationIsEnforceUnlessAnIntegrationSaysWarnOrOff() throws IOException {
        ConnectorConfig config = load(VALID.replace("    folders: { root: ./erp/orders }\n",
                "    folders: { root: ./erp/orders }\n    validation: warn\n"), Map.of());
        assertThat(config.integrations().get(0).validation()).isEqualTo(ValidationMode.WARN);
        assertThat(config.integrations().get(1).validation()).as("the default").isEqualTo(ValidationMode.ENFORCE);
        assertThat(load(VALID, Map.of("JAKAMO_CONNECTOR_INTEGRATIONS_CLAIMS_VALIDATION", "off")).integrations()
                .get(1).validation()).isEqualTo(ValidationMode.OFF);
        assertThat(load(VALID.replace("    folders: { root: ./erp/orders }\n",
                "    folders: { root: ./erp/orders }\n    validation: off\n"), Map.of()).integrations().get(0)
                .validation()).as("a bare off, which YAML reads as false").isEqualTo(ValidationMode.OFF);
    }

    @Test
    void refusesAValidationModeItDoesNotKnow() {
        ConfigurationException e = refused(VALID.replace("    folders: { root: ./erp/orders }\n",
                "    folders: { root: ./erp/orders }\n    validation: strict\n"), Map.of());
        assertThat(e.problems()).containsExactly("integrations[orders].validation: must be enforce, warn or off");
    }

    // ---- legacyBasicAuth: the old basic credentials, only for doctor's check ----

    private static String withBasic(String block) {
        return VALID.replace("    folders: { root: ./erp/orders }\n", "    folders: { root: ./erp/orders }\n" + block);
    }

    @Test
    void legacyBasicAuthIsAUserNameAndAPasswordReference() throws IOException {
        ConnectorConfig config = load(withBasic("""
                    legacyBasicAuth:
                      username: erp-orders-legacy
                      password: { file: ./orders-basic.password }
                """), Map.of());
        IntegrationConfig orders = config.integrations().get(0);
        assertThat(orders.legacyBasicAuth()).contains(new LegacyBasicAuthConfig("erp-orders-legacy",
                new SecretReference(SecretReference.Kind.FILE, dir.resolve("orders-basic.password").toString())));
        assertThat(config.integrations().get(1).legacyBasicAuth()).as("optional").isEmpty();
    }

    @Test
    void legacyBasicAuthCanComeFromTheEnvironmentAlone() throws IOException {
        ConnectorConfig config = load(VALID, Map.of(
                "JAKAMO_CONNECTOR_INTEGRATIONS_ORDERS_LEGACYBASICAUTH_USERNAME", "erp-orders-legacy",
                "JAKAMO_CONNECTOR_INTEGRATIONS_ORDERS_LEGACYBASICAUTH_PASSWORD_CREDENTIAL", "orders-basic"));
        assertThat(config.integrations().get(0).legacyBasicAuth()).contains(new LegacyBasicAuthConfig(
                "erp-orders-legacy", new SecretReference(SecretReference.Kind.CREDENTIAL, "orders-basic")));
    }

    @Test
    void aLegacyPasswordWrittenInTheFileIsRefusedWithoutEchoingIt() {
        ConfigurationException e = refused(withBasic("""
                    legacyBasicAuth:
                      username: erp-orders-legacy
                      password: Hunter2-Old-Basic
                """), Map.of());
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("integrations[orders].legacyBasicAuth.password:"
                + " secrets are never written in the configuration"));
        assertThat(e.getMessage()).doesNotContain("Hunter2-Old-Basic");
    }

    @Test
    void legacyBasicAuthNeedsAUserNameJakamoWouldAcceptAndAPasswordReference() {
        ConfigurationException e = refused(withBasic("""
                    legacyBasicAuth:
                      username: "a:b"
                      passwort: { file: ./x }
                """), Map.of());
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("integrations[orders].legacyBasicAuth.passwort:"
                        + " unknown key (expected one of [password, username])"))
                .anySatisfy(p -> assertThat(p).startsWith("integrations[orders].legacyBasicAuth.username: must be at "
                        + "least 5 characters without ':'"))
                .anySatisfy(p -> assertThat(p).startsWith("integrations[orders].legacyBasicAuth.password: is required"));
        assertThat(refused(withBasic("    legacyBasicAuth: erp-orders-legacy\n"), Map.of()).problems())
                .anySatisfy(p -> assertThat(p).startsWith("integrations[orders].legacyBasicAuth: must be a mapping"));
    }
}
