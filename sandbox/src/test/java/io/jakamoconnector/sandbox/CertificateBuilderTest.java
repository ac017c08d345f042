package io.jakamoconnector.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificateBuilderTest {

    @Test
    void derEncodesLengthsAndObjectIdentifiersAsX690Says() {
        assertThat(Der.oid("1.2.840.113549.1.1.11")).containsExactly(0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0B);
        assertThat(Der.tlv(0x04, new byte[200])).startsWith(0x04, 0x81, 0xC8);
        assertThat(Der.tlv(0x04, new byte[300])).startsWith(0x04, 0x82, 0x01, 0x2C);
        assertThat(Der.namedBits(0, 5, 6)).containsExactly(0x03, 0x02, 0x01, 0x86);
    }

    @Test
    void theCaIsASelfSignedAuthorityInTheTrustStore() throws Exception {
        TlsMaterial tls = TlsMaterial.generate();
        X509Certificate ca = tls.caCertificate();
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        ca.verify(ca.getPublicKey());

        assertThat(tls.trustStore().getCertificate("jakamo-connector-sandbox-ca")).isEqualTo(ca);
    }

    @Test
    void aServerCertificateHasSanExtendedKeyUsageAndIsSignedByItsIssuer() throws Exception {
        var caKeys = CertificateBuilder.ecKeyPair();
        X509Certificate ca = CertificateBuilder.forSubject("test CA", caKeys.getPublic()).selfSigned(caKeys.getPrivate())
                .certificateAuthority().build();
        var keys = CertificateBuilder.ecKeyPair();
        X509Certificate server = CertificateBuilder.forSubject("127.0.0.1", keys.getPublic())
                .issuedBy("test CA", caKeys.getPublic(), caKeys.getPrivate())
                .serverAuth(List.of("localhost"), List.of("127.0.0.1")).build();

        server.verify(ca.getPublicKey());
        assertThat(server.getBasicConstraints()).isEqualTo(-1);
        assertThat(server.getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1))).toList()).containsExactlyInAnyOrder("localhost", "127.0.0.1");
        assertThat(server.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(server.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
        assertThat(server.getKeyUsage()[0]).isTrue();
        assertThatThrownBy(() -> server.verify(server.getPublicKey())).isInstanceOf(java.security.GeneralSecurityException.class);
    }

    @Test
    void clientCertificatesAreSelfSignedRsaAndPemRoundTrips() throws Exception {
        ClientCertificate client = ClientCertificate.generate("erp");
        client.certificate().verify(client.certificate().getPublicKey());
        assertThat(client.privateKey().getAlgorithm()).isEqualTo("RSA");
        assertThat(client.toString()).doesNotContain(client.privateKey().toString());

        String pem = Pem.certificate(client.certificate());
        assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n");
        assertThat(pem.lines().filter(l -> !l.startsWith("-----"))).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(64));
        X509Certificate parsed = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        assertThat(parsed).isEqualTo(client.certificate());
    }
}
