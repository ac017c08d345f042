package io.jakamoconnector.sandbox;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away CA and a loopback server certificate, made at start. The CA's private key lives only inside
 * {@link #generate()}: once the server certificate is issued nothing can issue another, so trusting the CA for the
 * sandbox's lifetime trusts exactly this sandbox.
 */
final class TlsMaterial {
    private final X509Certificate caCertificate;
    private final X509Certificate serverCertificate;
    private final SSLContext serverContext;
    private final SSLContext clientContext;
    private final KeyStore trustStore;

    private TlsMaterial(X509Certificate caCertificate, X509Certificate serverCertificate, SSLContext serverContext,
            SSLContext clientContext, KeyStore trustStore) {
        this.caCertificate = caCertificate;
        this.serverCertificate = serverCertificate;
        this.serverContext = serverContext;
        this.clientContext = clientContext;
        this.trustStore = trustStore;
    }

    static TlsMaterial generate() {
        KeyPair caKeys = CertificateBuilder.ecKeyPair();
        String caName = "jakamo-connector sandbox CA " + Long.toHexString(new SecureRandom().nextLong());
        X509Certificate ca = CertificateBuilder.forSubject(caName, caKeys.getPublic())
                .selfSigned(caKeys.getPrivate())
                .certificateAuthority()
                .validFor(Duration.ofDays(365))
                .build();
        KeyPair serverKeys = CertificateBuilder.ecKeyPair();
        X509Certificate server = CertificateBuilder.forSubject("127.0.0.1", serverKeys.getPublic())
                .issuedBy(caName, caKeys.getPublic(), caKeys.getPrivate())
                .serverAuth(List.of("localhost"), List.of("127.0.0.1"))
                .validFor(Duration.ofDays(365))
                .build();
        try {
            SSLContext serverContext = SSLContext.getInstance("TLS");
            serverContext.init(new KeyManager[] {new SingleKeyChooser(serverKeys.getPrivate(), new X509Certificate[] {server, ca})},
                    null, null);

            KeyStore trustStore = KeyStore.getInstance("PKCS12");
            trustStore.load(null, null);
            trustStore.setCertificateEntry("jakamo-connector-sandbox-ca", ca);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore);
            SSLContext clientContext = SSLContext.getInstance("TLS");
            clientContext.init(null, tmf.getTrustManagers(), null);
            return new TlsMaterial(ca, server, serverContext, clientContext, trustStore);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot set up TLS with the JDK's providers", e);
        }
    }

    X509Certificate caCertificate() {
        return caCertificate;
    }

    X509Certificate serverCertificate() {
        return serverCertificate;
    }

    SSLContext serverContext() {
        return serverContext;
    }

    SSLContext clientContext() {
        return clientContext;
    }

    KeyStore trustStore() {
        return trustStore;
    }

    /**
     * Serves the one EC key and chain. A PKCS12 key store and KeyManagerFactory would do the same after ~0.4 s of
     * password-based encryption the sandbox has no use for.
     */
    private static final class SingleKeyChooser extends X509ExtendedKeyManager {
        private static final String ALIAS = "server";
        private final PrivateKey key;
        private final X509Certificate[] chain;

        SingleKeyChooser(PrivateKey key, X509Certificate[] chain) {
            this.key = key;
            this.chain = chain;
        }

        private static String aliasFor(String keyType) {
            return "EC".equals(keyType) ? ALIAS : null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return aliasFor(keyType);
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return aliasFor(keyType);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return aliasFor(keyType) == null ? null : new String[] {ALIAS};
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return ALIAS.equals(alias) ? chain.clone() : null;
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return ALIAS.equals(alias) ? key : null;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }
}
