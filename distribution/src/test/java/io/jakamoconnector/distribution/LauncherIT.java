package io.jakamoconnector.distribution;

import static io.jakamoconnector.distribution.Shell.run;
import static io.jakamoconnector.distribution.Shell.writeScript;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher as installed (/usr/bin/jakamo-connector beside /usr/share/jakamo-connector/), choosing among fake Java
 * installations: scripts that print a version for {@code -version} and their arguments otherwise. Its AppCDS archive
 * with those fakes (the flags it passes) and with this machine's Java running a jar of two classes (the archive the
 * JVM writes, maps and rejects).
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
        for (String tool : List.of("readlink", "dirname", "sed", "head", "cat", "id", "ls", "stat", "cksum", "wc",
                "mkdir", "mv", "rm")) {
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
        // the choice of Java is not about the archive (the CDS tests below say "on")
        env.putIfAbsent("JAKAMO_CONNECTOR_CDS", "off");
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

    // ---- AppCDS ----

    private static final Pattern WRITES = Pattern.compile("-XX:ArchiveClassesAtExit=(\\S+)/((?:cmd|run)-\\d+-\\d+)\\.(\\d+)\\.tmp");

    /** stdout and stderr apart: commands' stdout is parsed by scripts, so the launcher's notes go to stderr. */
    record Output(int exitCode, String stdout, String stderr) {
        Output succeeded() {
            assertThat(exitCode).as("exit code; stdout:%n%s%nstderr:%n%s", stdout, stderr).isZero();
            return this;
        }
    }

    private Path cache() {
        return work.resolve("home/.cache");
    }

    private Path cdsDir() {
        return cache().resolve("jakamo-connector/cds");
    }

    private Map<String, String> cdsEnvironment(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", tools.toString());
        env.put("JAKAMO_CONNECTOR_JAVA_DIRS", jvms.toString());
        env.put("HOME", work.resolve("home").toString());
        env.put("XDG_CACHE_HOME", cache().toString());
        env.put("JAKAMO_CONNECTOR_CDS", "on");
        env.putAll(extra);
        return env;
    }

    private ProcessBuilder launcher(Map<String, String> extra, String... args) {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        builder.environment().remove("CACHE_DIRECTORY");
        builder.environment().remove("JAKAMO_CONNECTOR_JAVA_OPTS");
        builder.environment().putAll(cdsEnvironment(extra));
        return builder;
    }

    private Output launchCds(Map<String, String> extra, String... args) throws IOException, InterruptedException {
        Path err = Files.createTempFile(work, "stderr", ".txt");
        Process process = launcher(extra, args).redirectError(err.toFile()).start();
        process.getOutputStream().close();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the launcher ended").isTrue();
        return new Output(process.exitValue(), stdout, Files.readString(err));
    }

    /** A fake Java 17 that prints its arguments and succeeds, so the launcher's probes accept whatever it names. */
    private Path fakeJava17() throws IOException {
        Path java = writeScript(jvms.resolve("jdk-17/bin/java"), "echo \"RAN $*\"\n");
        Files.writeString(jvms.resolve("jdk-17/release"), "JAVA_VERSION=\"17.0.10\"\n");
        return java;
    }

    private static Matcher writes(Output output) {
        Matcher m = WRITES.matcher(output.stdout());
        assertThat(m.find()).as("the JVM is told to write an archive at exit; stdout:%n%s%nstderr:%n%s",
                output.stdout(), output.stderr()).isTrue();
        return m;
    }

    private List<String> cdsFiles() throws IOException {
        try (Stream<Path> files = Files.list(cdsDir())) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void withoutAnArchiveTheJvmWritesOneAtExitUnderANameOfItsOwnInAPrivateCacheAndCdsOffPassesNoFlag()
            throws Exception {
        fakeJava17();

        Output first = launchCds(Map.of(), "--version").succeeded();

        Matcher m = writes(first);
        assertThat(Path.of(m.group(1))).isEqualTo(cdsDir());
        assertThat(first.stdout()).contains(m.group() + " -Xlog:cds*=off -jar");
        assertThat(Shell.mode(cdsDir())).isEqualTo("rwx------");
        assertThat(first.stderr()).isEmpty();

        Output off = launchCds(Map.of("JAKAMO_CONNECTOR_CDS", "off"), "--version").succeeded();
        assertThat(off.stdout().strip()).isEqualTo("RAN -XX:TieredStopAtLevel=1 -jar "
                + work.resolve("usr/share/jakamo-connector/jakamo-connector.jar") + " --version");
    }

    @Test
    void theJvmDoesNotSeeTheLaunchersOwnVariablesWhichTheConnectorWouldRefuseAsUnknownConfigurationKeys()
            throws Exception {
        writeScript(jvms.resolve("jdk-17/bin/java"), "echo \"CDS=${JAKAMO_CONNECTOR_CDS-unset} "
                + "DIRS=${JAKAMO_CONNECTOR_JAVA_DIRS-unset} OPTS=${JAKAMO_CONNECTOR_JAVA_OPTS-unset}\"\n");
        Files.writeString(jvms.resolve("jdk-17/release"), "JAVA_VERSION=\"17.0.10\"\n");

        for (String cds : List.of("on", "off")) {
            assertThat(launchCds(Map.of("JAKAMO_CONNECTOR_CDS", cds, "JAKAMO_CONNECTOR_JAVA_OPTS", "-Xmx256m"),
                    "--version").succeeded().stdout()).isEqualTo("CDS=unset DIRS=unset OPTS=-Xmx256m\n");
        }
    }

    @Test
    void underSystemdTheArchiveLivesInTheUnitsCacheDirectory() throws Exception {
        fakeJava17();
        Path cacheDirectory = Files.createDirectories(work.resolve("var/cache/jakamo-connector"));
        Files.setPosixFilePermissions(cacheDirectory, PosixFilePermissions.fromString("rwx------"));

        Output output = launchCds(Map.of("CACHE_DIRECTORY", cacheDirectory.toString()), "run").succeeded();

        Matcher m = writes(output);
        assertThat(Path.of(m.group(1))).isEqualTo(cacheDirectory.resolve("cds"));
        assertThat(m.group(2)).startsWith("run-");
    }

    @Test
    void aCommandRunAsTheServicesUserSharesTheServicesCacheDirectory() throws Exception {
        fakeJava17();
        Path serviceCache = Files.createDirectories(work.resolve("var/cache/jakamo-connector"));
        Files.setPosixFilePermissions(serviceCache, PosixFilePermissions.fromString("rwx------"));

        Output output = launchCds(Map.of(), "doctor").succeeded();

        assertThat(Path.of(writes(output).group(1))).isEqualTo(serviceCache.resolve("cds"));
    }

    @Test
    void anArchiveOrDirectoryOthersMayWriteToIsNotUsedAndItSaysWhyOnStderr() throws Exception {
        fakeJava17();
        String key = writes(launchCds(Map.of(), "--version").succeeded()).group(2);
        Path archive = cdsDir().resolve(key + ".jsa");
        Files.writeString(archive, "an archive");

        Files.setPosixFilePermissions(archive, PosixFilePermissions.fromString("rw-rw-r--"));
        Output groupWritable = launchCds(Map.of(), "--version").succeeded();
        assertThat(groupWritable.stdout()).doesNotContain("-XX:SharedArchiveFile", "-XX:ArchiveClassesAtExit")
                .startsWith("RAN -XX:TieredStopAtLevel=1 -jar ");
        assertThat(groupWritable.stderr()).contains("starting without the class-data archive", archive.toString(),
                "nobody else may write to", "JAKAMO_CONNECTOR_CDS=off");

        Files.setPosixFilePermissions(archive, PosixFilePermissions.fromString("r--r--r--"));
        Output own = launchCds(Map.of(), "--version").succeeded();
        assertThat(own.stdout()).contains("-XX:SharedArchiveFile=" + archive + " -Xlog:cds*=off -jar ");
        assertThat(own.stderr()).isEmpty();

        Files.setPosixFilePermissions(cdsDir(), PosixFilePermissions.fromString("rwxrwx---"));
        Output openDirectory = launchCds(Map.of(), "--version").succeeded();
        assertThat(openDirectory.stdout()).doesNotContain("-XX:SharedArchiveFile", "-XX:ArchiveClassesAtExit");
        assertThat(openDirectory.stderr()).contains(cdsDir().toString(), "nobody else may write to");
    }

    @Test
    void anArchiveOfAnotherUserIsNotUsed() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "only root can give a file to another user");
        fakeJava17();
        String key = writes(launchCds(Map.of(), "--version").succeeded()).group(2);
        Path archive = cdsDir().resolve(key + ".jsa");
        Files.writeString(archive, "an archive");
        Files.setPosixFilePermissions(archive, PosixFilePermissions.fromString("r--r--r--"));
        run(work, "chown", "1:1", archive.toString()).succeeded();

        Output output = launchCds(Map.of(), "--version").succeeded();

        assertThat(output.stdout()).doesNotContain("-XX:SharedArchiveFile");
        assertThat(output.stderr()).contains(archive.toString(), "must be a file of user 0");
    }

    @Test
    void anUpgradedJarOrOtherOptionsGetANewKeyAndTheOldArchiveGoesWhileRunsArchiveStays() throws Exception {
        fakeJava17();
        String cmdKey = writes(launchCds(Map.of(), "--version").succeeded()).group(2);
        String runKey = writes(launchCds(Map.of(), "run").succeeded()).group(2);
        assertThat(runKey).startsWith("run-").isNotEqualTo(cmdKey);
        for (String key : List.of(cmdKey, runKey)) {
            Files.writeString(cdsDir().resolve(key + ".jsa"), "an archive");
        }

        Path jar = work.resolve("usr/share/jakamo-connector/jakamo-connector.jar");
        Files.delete(jar);
        Files.writeString(jar, "the next version's jar");
        String upgraded = writes(launchCds(Map.of(), "--version").succeeded()).group(2);
        String otherOptions = writes(launchCds(Map.of("JAKAMO_CONNECTOR_JAVA_OPTS", "-Xmx256m"), "--version")
                .succeeded()).group(2);

        assertThat(upgraded).startsWith("cmd-").isNotEqualTo(cmdKey);
        assertThat(otherOptions).isNotEqualTo(upgraded);
        assertThat(cdsFiles()).contains(runKey + ".jsa").doesNotContain(cmdKey + ".jsa");
    }

    // with this machine's Java

    /** A jar whose main prints a line (and with an argument waits for stdin's end); one class is of Java 5's format. */
    private void installRealJar() throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Path src = Files.createDirectories(work.resolve("src"));
        Files.writeString(src.resolve("Hello.java"), "public class Hello { public static void main(String[] a) "
                + "throws Exception { System.out.println(\"hello \" + Old.name()); if (a.length > 0) { "
                + "System.out.println(\"started\"); System.out.flush(); while (System.in.read() >= 0) { } } } }\n");
        Files.writeString(src.resolve("Old.java"), "public class Old { public static String name() { "
                + "return \"old\"; } }\n");
        Path classes = Files.createDirectories(work.resolve("classes"));
        assertThat(javac.run(null, null, null, "--release", "8", "-d", classes.toString(),
                src.resolve("Hello.java").toString(), src.resolve("Old.java").toString())).isZero();
        // class file version 49: the JVM cannot archive it and says so on stdout when it writes the archive
        byte[] old = Files.readAllBytes(classes.resolve("Old.class"));
        old[6] = 0;
        old[7] = 49;
        Files.write(classes.resolve("Old.class"), old);

        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "Hello");
        Path jar = work.resolve("usr/share/jakamo-connector/jakamo-connector.jar");
        Files.delete(jar);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            for (String name : List.of("Hello.class", "Old.class")) {
                out.putNextEntry(new JarEntry(name));
                out.write(Files.readAllBytes(classes.resolve(name)));
                out.closeEntry();
            }
        }
    }

    private Map<String, String> realJava(String... more) {
        Map<String, String> env = new HashMap<>(Map.of("JAVA_HOME", System.getProperty("java.home"),
                "JAKAMO_CONNECTOR_JAVA_OPTS", "-Xlog:class+load=info"));
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    private static String helloSource(Output output) {
        Matcher m = Pattern.compile("\\] Hello source: (.*)").matcher(output.stdout());
        assertThat(m.find()).as("the JVM logged where Hello came from; stdout:%n%s", output.stdout()).isTrue();
        return m.group(1);
    }

    @Test
    void theNextLaunchPromotesTheArchiveTheFirstWroteAndTheJvmMapsIt() throws Exception {
        installRealJar();

        Output first = launchCds(realJava(), "--version").succeeded();
        assertThat(helloSource(first)).startsWith("file:");
        assertThat(first.stdout()).contains("hello old").doesNotContain("[cds");
        assertThat(first.stderr()).isEmpty();
        assertThat(cdsFiles()).singleElement().asString().matches("cmd-\\d+-\\d+\\.\\d+\\.tmp");

        Output second = launchCds(realJava(), "--version").succeeded();
        assertThat(helloSource(second)).isEqualTo("shared objects file (top)");
        assertThat(cdsFiles()).singleElement().asString().matches("cmd-\\d+-\\d+\\.jsa");
        assertThat(Shell.mode(cdsDir().resolve(cdsFiles().get(0)))).doesNotContain("w");
    }

    @Test
    void aTruncatedArchiveAsAKillMidWriteLeavesItIsNeverPromotedAndANewOneIsWritten() throws Exception {
        installRealJar();
        launchCds(realJava(), "--version").succeeded();
        Path candidate = cdsDir().resolve(cdsFiles().get(0));
        // what kill -9 while the JVM writes at exit leaves: the beginning of the file (its writer has ended)
        Files.setPosixFilePermissions(candidate, PosixFilePermissions.fromString("rw-r--r--"));
        try (RandomAccessFile file = new RandomAccessFile(candidate.toFile(), "rw")) {
            file.setLength(file.length() / 2);
        }
        Files.setPosixFilePermissions(candidate, PosixFilePermissions.fromString("r--r--r--"));

        Output second = launchCds(realJava(), "--version").succeeded();

        assertThat(helloSource(second)).startsWith("file:");
        assertThat(cdsFiles()).doesNotContain(candidate.getFileName().toString())
                .noneMatch(f -> f.endsWith(".jsa"));
        Output third = launchCds(realJava(), "--version").succeeded();
        assertThat(helloSource(third)).isEqualTo("shared objects file (top)");
    }

    @Test
    void twoLaunchesAtOnceBothStartAndLeaveOneArchive() throws Exception {
        installRealJar();
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            processes.add(launcher(realJava(), "wait").redirectError(ProcessBuilder.Redirect.DISCARD).start());
        }
        List<ByteArrayOutputStream> outputs = new ArrayList<>();
        for (Process process : processes) {
            // both JVMs are up at once: each has printed "started" and waits for the end of its stdin
            BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            ByteArrayOutputStream seen = new ByteArrayOutputStream();
            for (String line = reader.readLine(); line != null && !line.equals("started"); line = reader.readLine()) {
                seen.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
            outputs.add(seen);
        }
        for (Process process : processes) {
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.flush();
            }
            process.getInputStream().transferTo(OutputStream.nullOutputStream());
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isZero();
        }
        assertThat(outputs).allSatisfy(o -> assertThat(o.toString(StandardCharsets.UTF_8)).contains("hello old"));
        assertThat(cdsFiles()).hasSize(2).allMatch(f -> f.endsWith(".tmp"));

        Output next = launchCds(realJava(), "--version").succeeded();

        assertThat(helloSource(next)).isEqualTo("shared objects file (top)");
        assertThat(cdsFiles()).singleElement().asString().endsWith(".jsa");
    }
}
