package io.jakamoconnector.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SandboxMainTest {

    @Test
    void defaultsMatchTheDocumentedConfiguration() {
        SandboxMain.Options options = SandboxMain.Options.parse(new String[0]);
        assertThat(options.dir).isEqualTo(Path.of("sandbox"));
        assertThat(options.entraPort).isEqualTo(48443);
        assertThat(options.apiPort).isEqualTo(48444);
        assertThat(options.supplierDelay).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void parsesEveryOption() {
        SandboxMain.Options options = SandboxMain.Options.parse(new String[] {"--dir", "/tmp/x", "--entra-port", "0", "--api-port", "9",
            "--supplier-delay", "0.5", "--supplier-reply", "change-date", "--empty-queue", "204"});
        assertThat(options.dir).isEqualTo(Path.of("/tmp/x"));
        assertThat(options.entraPort).isZero();
        assertThat(options.apiPort).isEqualTo(9);
        assertThat(options.supplierDelay).isEqualTo(Duration.ofMillis(500));
        assertThat(options.supplierReply).isEqualTo(SupplierReply.CHANGE_DELIVERY_DATE);
        assertThat(options.emptyQueue).isEqualTo(EmptyQueueAnswer.NO_CONTENT_204);
    }

    @Test
    void apiLatencyIsZeroUnlessAsked() {
        assertThat(SandboxMain.Options.parse(new String[0]).apiLatency).isZero();
        assertThat(SandboxMain.Options.parse(new String[] {"--api-latency-ms", "50"}).apiLatency)
                .isEqualTo(Duration.ofMillis(50));
        assertThatThrownBy(() -> SandboxMain.Options.parse(new String[] {"--api-latency-ms", "-1"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--api-latency-ms");
    }

    @Test
    void refusesUnknownOrIncompleteOptions() {
        assertThatThrownBy(() -> SandboxMain.Options.parse(new String[] {"--port", "1"})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SandboxMain.Options.parse(new String[] {"--dir"})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SandboxMain.Options.parse(new String[] {"--api-port", "70000"})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void yamlPathsAreQuotedSoSpacesAndHashesCannotChangeTheDocument() {
        assertThat(ConnectorConfigWriter.quote(Path.of("/tmp/a b/#c\"d"))).isEqualTo("\"/tmp/a b/#c\\\"d\"");
    }

    @Test
    void journalFingerprintIsTheFirstSixteenHexOfSha256() {
        // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
        assertThat(Journal.fingerprint("abc")).isEqualTo("ba7816bf8f01cfea");
    }
}
