package io.jakamoconnector.app.wiring;

import io.jakamoconnector.app.config.ConfigurationException;
import io.jakamoconnector.app.config.ConnectorConfig;
import io.jakamoconnector.app.config.IntegrationConfig;
import io.jakamoconnector.domain.model.auth.EnvironmentKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS trust of a process that may talk to the sandbox: the JDK's own trusted authorities plus the sandbox's
 * certificate from the configuration. It is handed to the HTTP and token clients of sandbox integrations only, never
 * to a demo or production integration's (whose key material a sandbox CA, a file on this host, could otherwise
 * intercept), and never installed JVM-wide.
 */
public final class SandboxTrust {
    private SandboxTrust() {
    }

    /**
     * The trust for {@code integration}'s clients: the sandbox's, only when the integration's environment is the
     * sandbox; empty (the JDK's default trust) for demo and production, whatever else the configuration holds.
     */
    public static Optional<SSLContext> forIntegration(ConnectorConfig config, IntegrationConfig integration) {
        if (integration.environment().kind() != EnvironmentKind.SANDBOX) {
            return Optional.empty();
        }
        return config.sandbox().map(sandbox -> withSandboxCertificate(sandbox.caCertificate()));
    }

    /** The JDK's default trust plus the PEM certificate at {@code caCertificate}. */
    public static SSLContext withSandboxCertificate(Path caCertificate) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (X509Certificate trusted : defaultTrust().getAcceptedIssuers()) {
                store.setCertificateEntry("jdk-" + n++, trusted);
            }
            try (InputStream in = Files.newInputStream(caCertificate)) {
                for (Certificate sandbox : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    store.setCertificateEntry("sandbox-" + n++, sandbox);
                }
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigurationException("(sandbox.caCertificate)", List.of("sandbox.caCertificate: " + caCertificate
                    + " cannot be read as a PEM certificate (" + e.getMessage() + "); restart 'jakamo-connector sandbox' "
                    + "and use the configuration it writes"));
        }
    }

    private static X509TrustManager defaultTrust() throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("the JDK offers no X.509 trust manager");
    }
}
