package io.jakamoconnector.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificateBuilderTest {

    private static final String BASIC_CONSTRAINTS = "2.5.29.19";
    private static final String KEY_USAGE = "2.5.29.15";
    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;
    private static final Duration YEAR_AND_AN_HOUR = Duration.ofDays(365).plusHours(1);

    /** What TLS clients check, read back by the JDK from the PEM the sandbox writes, not from the builder's object. */
    @Test
    void theJdkReadsTheSandboxServerCertificateAsALoopbackServerIssuedByTheCa() throws Exception {
        Instant before = Instant.now();
        TlsMaterial tls = TlsMaterial.generate();
        X509Certificate ca = parse(Pem.certificate(tls.caCertificate()));
        X509Certificate server = parse(Pem.certificate(tls.serverCertificate()));

        assertThat(server.getSubjectAlternativeNames()).containsExactlyInAnyOrder(
                List.of(DNS_NAME, "localhost"), List.of(IP_ADDRESS, "127.0.0.1"));
        assertThat(server.getSubjectX500Principal().getName()).isEqualTo("CN=127.0.0.1");
        assertThat(server.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
        assertThat(server.getVersion()).isEqualTo(3);
        assertThat(server.getBasicConstraints()).isEqualTo(-1);
        assertThat(server.getKeyUsage()).startsWith(true, false, false, false, false, false, false);
        assertThat(server.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(server.getCriticalExtensionOIDs()).containsExactlyInAnyOrder(BASIC_CONSTRAINTS, KEY_USAGE);
        assertThat(server.getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(server.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertValidFromAnHourAgoForAYear(server, before);
        server.verify(ca.getPublicKey());
        server.checkValidity();

        assertThat(ca.getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);
        assertThat(ca.getKeyUsage()).startsWith(true, false, false, false, false, true, true);
        assertThat(ca.getSubjectX500Principal().getName()).matches("CN=jakamo-connector sandbox CA [0-9a-f]+");
        assertThat(ca.getSubjectAlternativeNames()).isNull();
        assertThat(ca.getCriticalExtensionOIDs()).containsExactlyInAnyOrder(BASIC_CONSTRAINTS, KEY_USAGE);
        assertValidFromAnHourAgoForAYear(ca, before);
        ca.verify(ca.getPublicKey());
    }

    @Test
    void theJdkReadsAClientCertificateAsASelfSignedRsaClient() throws Exception {
        Instant before = Instant.now();
        X509Certificate client = parse(Pem.certificate(ClientCertificate.generate("erp").certificate()));

        assertThat(client.getSubjectX500Principal().getName()).isEqualTo("CN=erp");
        assertThat(client.getIssuerX500Principal()).isEqualTo(client.getSubjectX500Principal());
        assertThat(client.getBasicConstraints()).isEqualTo(-1);
        assertThat(client.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        assertThat(client.getSubjectAlternativeNames()).isNull();
        assertThat(client.getPublicKey().getAlgorithm()).isEqualTo("RSA");
        assertThat(client.getSigAlgName()).isEqualTo("SHA256withRSA");
        assertValidFromAnHourAgoForAYear(client, before);
    }

    private static void assertValidFromAnHourAgoForAYear(X509Certificate certificate, Instant before) {
        Instant notBefore = certificate.getNotBefore().toInstant();
        // encoded to the second, so the lower bound is truncated
        assertThat(notBefore).isBetween(before.minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS),
                Instant.now().minus(Duration.ofHours(1)));
        assertThat(Duration.between(notBefore, certificate.getNotAfter().toInstant())).isEqualTo(YEAR_AND_AN_HOUR);
    }

    private static X509Certificate parse(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
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
