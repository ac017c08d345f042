package io.jakamoconnector.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void defaultsMeasureEverySectionOfThisBuildOnly() {
        BenchOptions o = BenchOptions.parse();
        assertThat(o.only()).containsExactly("token", "jmh", "inbound", "outbound", "audit", "process", "wan");
        assertThat(o.builds()).extracting(Build::label).containsExactly("after");
        assertThat(o.rounds()).isEqualTo(1);
        assertThat(o.apiLatency()).isEqualTo(Duration.ofMillis(50));
        assertThat(o.inboundBacklogOrDefault()).isEqualTo(10_000);
        assertThat(o.wanBacklogOrDefault()).isEqualTo(300);
    }

    @Test
    void aBaselineJarMakesTheBeforeBuildComeFirst() {
        BenchOptions o = BenchOptions.parse("--jar", "/a/after.jar", "--baseline-jar", "/b/before.jar", "--rounds",
                "3", "--only", "inbound,wan", "--quick", "--wan-latency-ms", "80", "--inbound-backlog", "700");
        assertThat(o.builds()).containsExactly(Build.before(Path.of("/b/before.jar")),
                Build.after(Path.of("/a/after.jar")));
        assertThat(o.rounds()).isEqualTo(3);
        assertThat(o.only()).containsExactly("inbound", "wan");
        assertThat(o.apiLatency()).isEqualTo(Duration.ofMillis(80));
        assertThat(o.inboundBacklogOrDefault()).isEqualTo(700);
        assertThat(o.wanBacklogOrDefault()).as("--quick's size where none is given").isEqualTo(20);
    }

    @Test
    void childJavaOptsGoToEachBuildsChildJvmsSoOneJarCanBeComparedUnderTwoSetsOfFlags() {
        BenchOptions o = BenchOptions.parse("--jar", "/a/c.jar", "--baseline-jar", "/a/c.jar", "--child-java-opts",
                "-XX:TieredStopAtLevel=1  -Xss1m", "--baseline-child-java-opts", "-XX:TieredStopAtLevel=4");
        assertThat(o.builds()).containsExactly(
                Build.before(Path.of("/a/c.jar")).withJavaOpts(List.of("-XX:TieredStopAtLevel=4")),
                Build.after(Path.of("/a/c.jar")).withJavaOpts(List.of("-XX:TieredStopAtLevel=1", "-Xss1m")));
        List<String> command = ChildRuns.command("inbound", o.builds().get(1), "/cp", List.of("backlog=5"));
        assertThat(command.subList(1, command.size())).containsExactly("-Xmx2g", "-Dsun.net.httpserver.nodelay=true",
                "-XX:TieredStopAtLevel=1", "-Xss1m", "-cp", "/cp", BenchChild.class.getName(), "inbound",
                "jar=/a/c.jar", "backlog=5");
        assertThat(BenchOptions.parse().builds().get(0).javaOpts()).as("none by default").isEmpty();
    }

    @Test
    void refusesWhatWouldMeasureNothingOrFailLate() {
        assertThatThrownBy(() -> BenchOptions.parse("--only", "inbound,bogus"))
                .hasMessageContaining("unknown section bogus");
        assertThatThrownBy(() -> BenchOptions.parse("--rounds", "0")).hasMessageContaining("--rounds");
        assertThatThrownBy(() -> BenchOptions.parse("--wan-latency-ms", "0")).hasMessageContaining("--wan-latency-ms");
        assertThatThrownBy(() -> BenchOptions.parse("--inbound-backlog", "ten"))
                .hasMessageContaining("--inbound-backlog: a whole number");
        assertThatThrownBy(() -> BenchOptions.parse("--baseline-jar")).hasMessageContaining("missing value");
        assertThatThrownBy(() -> BenchOptions.parse("--frobnicate", "1")).hasMessageContaining("unknown argument");
        assertThatThrownBy(() -> BenchOptions.parse("--child-java-opts", "-Xss1m Other"))
                .hasMessageContaining("--child-java-opts: JVM flags");
        assertThatThrownBy(() -> BenchOptions.parse("--child-java-opts", "-jar x.jar"))
                .hasMessageContaining("--child-java-opts: JVM flags");
        assertThatThrownBy(() -> BenchOptions.parse("--baseline-child-java-opts", "-XX:TieredStopAtLevel=1"))
                .hasMessageContaining("needs --baseline-jar");
    }
}
