package io.jakamoconnector.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.adapter.persistence.TestDatabase;
import io.jakamoconnector.app.cli.RootCommand;
import io.jakamoconnector.domain.testing.XmlAttacks;
import io.jakamoconnector.sandbox.AppRegistration;
import io.jakamoconnector.sandbox.AppSpec;
import io.jakamoconnector.sandbox.ClientCertificate;
import io.jakamoconnector.sandbox.Endpoint;
import io.jakamoconnector.sandbox.Fault;
import io.jakamoconnector.sandbox.Sandbox;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * T2.1: canary secrets (a client secret, a database password, a PKCS#12 certificate password) and the access tokens
 * the sandbox issues go through a run at DEBUG (every logger, libraries included) that takes error paths on purpose:
 * token 503s, a reset and malformed queue reads, a 503 on a post, a hostile ERP file, tokens Jakamo stops accepting
 * (401) and, on a second start, an expired secret (AADSTS7000222). Then the logs (with every exception's text and
 * stack), every row of every table, the {@code audit export}, {@code audit verify} and {@code messages list} output and
 * every file the run left are searched for each canary raw, base64 (standard and URL-safe, any alignment),
 * URL-encoded and hex (bytea): 0 hits; no {@code Authorization:} header and no JWT anywhere.
 */
class SecretCanaryIT {
    private static final Logger LOG = LoggerFactory.getLogger(SecretCanaryIT.class);
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.");

    @TempDir
    Path dir;

    @Test
    void noSecretNoTokenAndNoAuthorizationHeaderLeavesTheProcess() throws Exception {
        String dbPassword = "CANARY-db+pw/&=" + UUID.randomUUID();
        String p12Password = "CANARY-p12 pw&+" + UUID.randomUUID();
        String role = "canary_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        TestDatabase db = TestDatabase.create();
        try (Connection owner = db.ownerConnection(); Statement s = owner.createStatement()) {
            s.execute("CREATE ROLE " + role + " LOGIN SUPERUSER PASSWORD '" + dbPassword + "'");
            s.execute("ALTER DATABASE " + db.name() + " OWNER TO " + role);
        }
        Sandbox sandbox = Sandbox.builder().start();
        try (FaultBed bed = new FaultBed(dir, 1, sandbox, db, role, dbPassword, "")) {
            // a second integration authenticating with a certificate whose PKCS#12 password is a canary
            ClientCertificate certificate = ClientCertificate.generate("canary-claims");
            AppRegistration claims = sandbox.registerApp(AppSpec.claims("erp-claims").withoutSecret()
                    .certificate(certificate.certificate()).integration("claims"));
            Path p12 = certificate.writePkcs12(dir.resolve("claims.p12"), p12Password.toCharArray());
            Path p12PasswordFile = dir.resolve("claims.p12.password");
            Files.writeString(p12PasswordFile, p12Password);
            for (Path secret : List.of(p12, p12PasswordFile)) {
                Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
            }
            Path claimsRoot = Files.createDirectories(dir.resolve("erp").resolve("claims"));
            String config = Files.readString(bed.config());
            Files.writeString(bed.config(), config.replace("integrations:\n", "integrations:\n"
                    + "  - name: claims\n    kind: claims\n    environment: sandbox\n    clientId: " + claims.clientId()
                    + "\n    clientCertificate: { pkcs12: { file: \"" + p12 + "\" }, password: { file: \""
                    + p12PasswordFile + "\" } }\n    folders:\n      root: \"" + claimsRoot + "\"\n"));
            String clientSecret = Files.readString(bed.files.secretFiles().get(FaultBed.ORDERS)).strip();
            String tokenHeader = sandbox.entra().issueToken(bed.ordersApp.clientId()).split("\\.")[0];
            Map<String, String> canaries = new LinkedHashMap<>();
            canaries.put("client secret", clientSecret);
            canaries.put("database password", dbPassword);
            canaries.put("PKCS#12 password", p12Password);
            canaries.put("token header", tokenHeader);

            bed.logs.debugEverything();
            sandbox.faults().failNext(2, Endpoint.TOKEN, Fault.serverError(503));
            sandbox.faults().failNext(1, Endpoint.QUEUE_READ, Fault.connectionReset());
            sandbox.faults().failNext(2, Endpoint.QUEUE_READ, Fault.malformedBody());
            sandbox.faults().failNext(1, Endpoint.ORDER_POST, Fault.serverError(503));
            bed.enqueueResponses("CAN", 5);
            bed.dropOrders("CAN", 5);
            FaultBed.dropFile(bed.folder("to_jakamo"), "hostile.xml",
                    XmlAttacks.refused("http://127.0.0.1:9/").get("xxe-file").body());
            try (FaultBed.Connector connector = bed.start()) {
                FaultBed.await(Duration.ofSeconds(30), () -> sandbox.jakamo().queue(FaultBed.ORDERS).isEmpty()
                        && sandbox.journal().timesAccepted("Order", "CAN-1") > 0);
                // Jakamo stops accepting the tokens held: 401s (a token this young is not renewed: a mapping problem)
                sandbox.entra().rotateSigningKey();
                bed.enqueueResponses("CAN401", 2);
                FaultBed.await(Duration.ofSeconds(5), () -> sandbox.journal().requests(Endpoint.QUEUE_READ).stream()
                        .anyMatch(r -> r.status() == 401));
            }
            // the secret expires: a new start's first token request is refused (AADSTS7000222), the secret at hand
            sandbox.entra().expireSecrets(bed.ordersApp.clientId());
            try (FaultBed.Connector connector = bed.start()) {
                FaultBed.await(Duration.ofSeconds(15), () -> sandbox.journal().requests(Endpoint.TOKEN).stream()
                        .anyMatch(r -> r.status() == 400 || r.status() == 401));
                Thread.sleep(500);
            }

            List<String> texts = new ArrayList<>();
            texts.addAll(bed.logs.lines());
            Path export = dir.resolve("audit-export.jsonl");
            texts.add(cli(bed.config(), "audit", "export", "--output", export.toString()));
            texts.add(Files.readString(export));
            texts.add(cli(bed.config(), "audit", "verify"));
            texts.add(cli(bed.config(), "messages", "list"));
            texts.addAll(everyRow(db));
            Set<Path> secretFiles = Set.of(p12, p12PasswordFile, bed.files.secretFiles().get(FaultBed.ORDERS),
                    dir.resolve("db.password"), export);
            texts.addAll(everyFile(dir, secretFiles));

            // the scan can find what it looks for: a planted base64 canary inside other text is a hit
            assertThat(hits(List.of("x" + Base64.getEncoder().encodeToString(("ab" + dbPassword + "c")
                    .getBytes(StandardCharsets.UTF_8)) + "y"), canaries)).isNotEmpty();

            List<String> hits = hits(texts, canaries);
            long authorization = texts.stream().filter(t -> t.toLowerCase(Locale.ROOT).contains("authorization:"))
                    .count();
            List<String> jwts = texts.stream().flatMap(t -> {
                Matcher m = JWT.matcher(t);
                List<String> found = new ArrayList<>();
                while (m.find()) {
                    found.add(m.group().substring(0, 12) + "…");
                }
                return found.stream();
            }).toList();
            long chars = texts.stream().mapToLong(String::length).sum();
            String report = "scanned " + texts.size() + " texts (" + chars + " characters: " + bed.logs.lines().size()
                    + " log events at DEBUG, audit export, verify, messages list, every table row, every file);"
                    + " canaries " + canaries.keySet() + " in raw, base64, base64url, URL-encoded and hex form: "
                    + hits.size() + " hits; 'Authorization:' " + authorization + "; JWTs " + jwts.size()
                    + "; token requests " + sandbox.journal().count(Endpoint.TOKEN) + ", failed/expired paths taken: "
                    + sandbox.journal().requests(Endpoint.TOKEN).stream().filter(r -> r.status() != 200).count()
                    + "\n";
            FaultBed.writeResult("secret-canaries.txt", report + String.join("\n", hits));
            LOG.info(report);

            // the run did take the error paths it claims to
            assertThat(sandbox.journal().requests(Endpoint.TOKEN)).anyMatch(r -> r.status() == 503);
            assertThat(sandbox.journal().requests(Endpoint.TOKEN)).anyMatch(r -> r.status() == 401
                    || r.status() == 400);
            assertThat(sandbox.journal().requests(Endpoint.QUEUE_READ)).anyMatch(r -> r.status() == 401);
            assertThat(sandbox.journal().requests(Endpoint.CLAIM_QUEUE_READ)).anyMatch(r -> r.status() == 200);
            assertThat(bed.logs.lines()).anyMatch(l -> l.startsWith("DEBUG"));
            assertThat(hits).isEmpty();
            assertThat(authorization).isZero();
            assertThat(jwts).isEmpty();
        }
    }

    /** Where a canary shows, in any of its forms: "form of name in text #i". */
    static List<String> hits(List<String> texts, Map<String, String> canaries) {
        Map<String, String> forms = new LinkedHashMap<>();
        canaries.forEach((name, value) -> {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            forms.put("raw " + name, value);
            forms.put("url-encoded " + name, URLEncoder.encode(value, StandardCharsets.UTF_8));
            forms.put("hex " + name, HexFormat.of().formatHex(bytes));
            for (int shift = 0; shift < 3; shift++) {
                byte[] shifted = new byte[shift + bytes.length];
                System.arraycopy(bytes, 0, shifted, shift, bytes.length);
                // the part of the encoding that depends on the canary alone, wherever it sits in a larger text
                String std = Base64.getEncoder().withoutPadding().encodeToString(shifted);
                String url = Base64.getUrlEncoder().withoutPadding().encodeToString(shifted);
                forms.put("base64/" + shift + " " + name, std.substring(4, std.length() - 4));
                forms.put("base64url/" + shift + " " + name, url.substring(4, url.length() - 4));
            }
        });
        List<String> hits = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            for (Map.Entry<String, String> form : forms.entrySet()) {
                if (text.contains(form.getValue())) {
                    hits.add(form.getKey() + " in text #" + i + ": "
                            + text.substring(0, Math.min(120, text.length())).replace(form.getValue(), "<CANARY>"));
                }
            }
        }
        return hits;
    }

    private static String cli(Path config, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = new String[args.length + 2];
        all[0] = "--config";
        all[1] = config.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        int code = RootCommand.commandLine(Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).execute(all);
        return "exit " + code + "\n" + out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    /** Every row of every table of the connector's database, as PostgreSQL's text form of the row. */
    private static List<String> everyRow(TestDatabase db) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.ownerConnection()) {
            List<String> tables = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT quote_ident(table_schema) || '.' || "
                    + "quote_ident(table_name) FROM information_schema.tables WHERE table_type = 'BASE TABLE' "
                    + "AND table_schema NOT IN ('pg_catalog', 'information_schema')");
                 ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    tables.add(r.getString(1));
                }
            }
            assertThat(tables).as("the tables of the connector's schema").hasSizeGreaterThanOrEqualTo(5);
            for (String table : tables) {
                try (PreparedStatement s = c.prepareStatement("SELECT t::text FROM " + table + " t");
                     ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        rows.add(table + " " + r.getString(1));
                    }
                }
            }
        }
        return rows;
    }

    /** The text of every file under the run's directory but the secrets themselves. */
    private static List<String> everyFile(Path dir, Set<Path> skip) throws IOException {
        List<String> texts = new ArrayList<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path file : all.filter(Files::isRegularFile).toList()) {
                if (skip.contains(file) || file.toString().contains("postgres") || Files.size(file) > 8_000_000) {
                    continue;
                }
                texts.add(file + " " + new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        return texts;
    }
}
