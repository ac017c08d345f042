package io.jakamoconnector.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChildClasspathTest {
    private static final String M2 = "/work/m2/";

    @Test
    void everyConnectorClassAndLibraryComesFromTheJarUnderTest() {
        List<String> harness = List.of(
                "/w/bench/target/classes",
                M2 + "io/jakamoconnector/app/0.1.0-SNAPSHOT/app-0.1.0-SNAPSHOT.jar",
                M2 + "io/jakamoconnector/domain/0.1.0-SNAPSHOT/domain-0.1.0-SNAPSHOT.jar",
                M2 + "io/jakamoconnector/persistence/0.1.0-SNAPSHOT/persistence-0.1.0-SNAPSHOT.jar",
                M2 + "io/jakamoconnector/sandbox/0.1.0-SNAPSHOT/sandbox-0.1.0-SNAPSHOT.jar",
                M2 + "io/jakamoconnector/domain/0.1.0-SNAPSHOT/domain-0.1.0-SNAPSHOT-tests.jar",
                M2 + "org/openjdk/jmh/jmh-core/1.37/jmh-core-1.37.jar",
                M2 + "org/jdbi/jdbi3-core/3.49.0/jdbi3-core-3.49.0.jar");
        String cp = ChildClasspath.of(harness, Path.of("/baseline/jakamo-connector.jar"));
        assertThat(List.of(cp.split(File.pathSeparator))).containsExactly(
                "/w/bench/target/classes",
                M2 + "io/jakamoconnector/sandbox/0.1.0-SNAPSHOT/sandbox-0.1.0-SNAPSHOT.jar",
                M2 + "io/jakamoconnector/domain/0.1.0-SNAPSHOT/domain-0.1.0-SNAPSHOT-tests.jar",
                "/baseline/jakamo-connector.jar");
    }

    @Test
    void aReactorClassPathLeavesTheModulesClassesOutToo() {
        List<String> harness = List.of("/w/app/target/classes", "/w/sandbox/target/classes",
                "/w/domain/target/test-classes", "/w/domain/target/classes", "/w/bench/target/classes");
        String cp = ChildClasspath.of(harness, Path.of("/j.jar"));
        assertThat(List.of(cp.split(File.pathSeparator))).containsExactly("/w/bench/target/classes",
                "/w/sandbox/target/classes", "/w/domain/target/test-classes", "/j.jar");
    }

    @Test
    void withoutTheHarnessClassesThereIsNoChildToRun() {
        assertThatThrownBy(() -> ChildClasspath.of(List.of("/x.jar"), Path.of("/j.jar")))
                .hasMessageContaining("bench/run");
    }
}
