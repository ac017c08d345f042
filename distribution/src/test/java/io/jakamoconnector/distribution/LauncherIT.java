package io.jakamoconnector.distribution;

import static io.jakamoconnector.distribution.Shell.run;
import static io.jakamoconnector.distribution.Shell.writeScript;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher as installed (/usr/bin/jakamo-connector beside /usr/share/jakamo-connector/), choosing among fake Java
 * installations: scripts that print a version for {@code -version} and their arguments otherwise.
 */
class LauncherIT {
    @TempDir
    Path work;
    private Path launcher;
    private Path tools;
    private Path jvms;

    @BeforeEach
    void installLauncher() throws IOException {
        launcher = work.resolve("usr/bin/jakamo-connector");
        Files.createDirectories(launcher.getParent());
        Files.copy(Shell.PROJECT.resolve("bin/jakamo-connector"), launcher);
        Files.createDirectories(work.resolve("usr/share/jakamo-connector"));
        Files.writeString(work.resolve("usr/share/jakamo-connector/jakamo-connector.jar"), "a jar");
        // a PATH with what the launcher uses and no java of this machine
        tools = Files.createDirectories(work.resolve("tools"));
        for (String tool : List.of("readlink", "dirname", "sed", "head", "cat")) {
            Path real = Files.isExecutable(Path.of("/usr/bin", tool)) ? Path.of("/usr/bin", tool) : Path.of("/bin", tool);
            writeScript(tools.resolve(tool), "exec " + real + " \"$@\"\n");
        }
        jvms = Files.createDirectories(work.resolve("jvm"));
    }

    /** A fake Java installation whose {@code java -version} says {@code version}; it prints what it is run with. */
    private Path fakeJava(String name, String version) throws IOException {
        Path java = jvms.resolve(name).resolve("bin/java");
        writeScript(java, "if [ \"$1\" = -version ]; then echo 'openjdk version \"" + version + "\" 2024-01-16' >&2; "
                + "exit 0; fi\necho \"RAN $0 $*\"\n");
        return java;
    }

    private Shell.Result launch(Map<String, String> environment) {
        Map<String, String> env = new HashMap<>(environment);
        env.putIfAbsent("PATH", tools.toString());
        env.putIfAbsent("JAVA_HOME", "");
        env.putIfAbsent("JAKAMO_CONNECTOR_JAVA_DIRS", jvms.toString());
        return run(work, env, List.of(launcher.toString(), "--version"));
    }

    @Test
    void runsTheJarWithTheJavaInJavaHomeWhenItIs17OrLater() throws IOException {
        Path java = fakeJava("jdk-17", "17.0.10");

        Shell.Result result = launch(Map.of("JAVA_HOME", jvms.resolve("jdk-17").toString(),
                "JAKAMO_CONNECTOR_JAVA_OPTS", "-Xmx256m"));

        assertThat(result.succeeded().output().strip()).isEqualTo("RAN " + java + " -XX:TieredStopAtLevel=1 -Xmx256m -jar "
                + work.resolve("usr/share/jakamo-connector/jakamo-connector.jar") + " --version");
    }

    @Test
    void takesTheVersionFromTheInstallationsReleaseFileWithoutStartingJava() throws IOException {
        Path java = writeScript(jvms.resolve("jdk-21/bin/java"),
                "if [ \"$1\" = -version ]; then echo 'started for -version' >&2; exit 3; fi\necho \"RAN $0\"\n");
        Files.writeString(jvms.resolve("jdk-21/release"), "IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_VERSION=\"21.0.2\"\n");

        Shell.Result result = launch(Map.of("JAVA_HOME", jvms.resolve("jdk-21").toString()));

        assertThat(result.succeeded().output()).isEqualTo("RAN " + java + "\n");
    }

    @Test
    void passesOverAnOldJavaOnThePathForTheNewestJava17OrLaterInTheSystemsJvmDirectory() throws IOException {
        Path old = fakeJava("java-11", "11.0.22");
        Path path = Files.createDirectories(work.resolve("path"));
        Files.createSymbolicLink(path.resolve("java"), old);
        fakeJava("java-17", "17.0.10");
        Path newest = fakeJava("java-21", "21.0.2");

        Shell.Result result = launch(Map.of("PATH", path + ":" + tools));

        assertThat(result.succeeded().output()).startsWith("RAN " + newest + " ");
    }

    @Test
    void withNoJava17OrLaterSaysWhatItFoundAndWhatToInstallAndExits127() throws IOException {
        fakeJava("java-11", "11.0.22");
        Path java8 = fakeJava("java-8", "1.8.0_402");
        Path path = Files.createDirectories(work.resolve("path"));
        Files.createSymbolicLink(path.resolve("java"), java8);

        Shell.Result result = launch(Map.of("PATH", path + ":" + tools,
                "JAVA_HOME", jvms.resolve("java-11").toString()));

        assertThat(result.exitCode()).isEqualTo(127);
        assertThat(result.output()).contains("needs Java 17 or later and found none",
                "JAVA_HOME: " + jvms.resolve("java-11/bin/java") + " is Java 11",
                "java on the PATH: " + path.resolve("java") + " is Java 8",
                "apt-get install openjdk-17-jre-headless", "dnf install java-17-openjdk-headless",
                "Environment=JAVA_HOME=").doesNotContain("RAN");
    }

    @Test
    void installedItReadsTheServicesConfigurationUnlessToldOtherwise() throws IOException {
        writeScript(jvms.resolve("jdk-17/bin/java"), "echo \"CONFIG=$JAKAMO_CONNECTOR_CONFIG\"\n");
        Files.writeString(jvms.resolve("jdk-17/release"), "JAVA_VERSION=\"17.0.10\"\n");
        Path config = work.resolve("etc/jakamo-connector/jakamo-connector.yml");
        Files.createDirectories(config.getParent());
        Files.writeString(config, "node: n\n");

        assertThat(launch(Map.of()).succeeded().output()).isEqualTo("CONFIG=" + config + "\n");
        assertThat(launch(Map.of("JAKAMO_CONNECTOR_CONFIG", "/elsewhere.yml")).succeeded().output())
                .isEqualTo("CONFIG=/elsewhere.yml\n");
    }
}
