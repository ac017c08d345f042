package io.jakamoconnector.sandbox;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;

/** PEM text of certificates: what curl, OpenSSL and the connector's `caCertificate` read. */
final class Pem {
    private Pem() {
    }

    static String certificate(X509Certificate certificate) {
        try {
            String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded());
            return "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("a parsed certificate always re-encodes", e);
        }
    }
}
