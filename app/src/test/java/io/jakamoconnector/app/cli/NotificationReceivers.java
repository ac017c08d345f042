package io.jakamoconnector.app.cli;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A local webhook receiver (the JDK's HttpServer: {@code /ok/...} answers 200, {@code /fails} 500) and a local SMTPS
 * server (GreenMail, user {@code ops} / {@code secret}) whose certificate names 127.0.0.1 and is issued for this JVM,
 * so the connector checks it as it would a real server's: trusted through {@link #certificate()}, host name verified.
 */
final class NotificationReceivers implements AutoCloseable {
    private static final String STORE_PASSWORD = "changeit";
    private static Path certificate;

    record Post(String path, String body) {
    }

    private final HttpServer http;
    private final GreenMail mail;
    final List<Post> posts = new CopyOnWriteArrayList<>();

    private NotificationReceivers() throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", exchange -> {
            posts.add(new Post(exchange.getRequestURI().getPath(),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().startsWith("/fails") ? 500 : 200, -1);
            exchange.close();
        });
        http.start();
        mail = new GreenMail(ServerSetupTest.SMTPS.dynamicPort());
        mail.setUser("ops@example.com", "ops", "secret");
        mail.start();
    }

    static synchronized NotificationReceivers start(Path scratch) throws Exception {
        if (certificate == null) {
            certificate = issue(scratch);
        }
        return new NotificationReceivers();
    }

    /** A key pair for 127.0.0.1 made with the JDK's keytool, handed to GreenMail through its system properties. */
    private static Path issue(Path dir) throws Exception {
        Path store = dir.resolve("smtps.p12");
        Path pem = dir.resolve("smtps.pem");
        keytool("-genkeypair", "-alias", "smtps", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=127.0.0.1",
                "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore",
                store.toString(), "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "smtps", "-keystore", store.toString(), "-storepass", STORE_PASSWORD,
                "-file", pem.toString());
        System.setProperty("greenmail.tls.keystore.file", store.toString());
        System.setProperty("greenmail.tls.keystore.password", STORE_PASSWORD);
        System.setProperty("greenmail.tls.key.password", STORE_PASSWORD);
        return pem;
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
        }
    }

    /** The PEM file that makes the SMTPS server trusted. */
    Path certificate() {
        return certificate;
    }

    int smtpsPort() {
        return mail.getSmtps().getPort();
    }

    String hook(String path) {
        return "http://127.0.0.1:" + http.getAddress().getPort() + path;
    }

    List<MimeMessage> mails() {
        return List.of(mail.getReceivedMessages());
    }

    /** The configuration of three channels: e-mail over SMTPS, Teams (its URL in a file) and a generic webhook. */
    String channels(Path dir, String teamsPath, String hookPath) {
        try {
            Files.writeString(dir.resolve("smtp.password"), "secret\n");
            Files.writeString(dir.resolve("teams.url"), hook(teamsPath) + "\n");
            Files.setPosixFilePermissions(dir.resolve("smtp.password"), PosixFilePermissions.fromString("rw-------"));
            Files.setPosixFilePermissions(dir.resolve("teams.url"), PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return """
                notifications:
                  channels:
                    - name: ops-mail
                      type: email
                      host: 127.0.0.1
                      port: %d
                      security: smtps
                      trustCertificate: %s
                      from: connector@example.com
                      to: [ops@example.com]
                      user: ops
                      password: { file: ./smtp.password }
                    - name: ops-teams
                      type: teams
                      url: { file: ./teams.url }
                    - name: hook
                      type: webhook
                      url: %s
                """.formatted(smtpsPort(), certificate, hook(hookPath));
    }

    @Override
    public void close() {
        http.stop(0);
        mail.stop();
    }
}
