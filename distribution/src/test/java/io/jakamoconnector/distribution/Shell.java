package io.jakamoconnector.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the release's scripts and tools as a person would, and the paths of what the build made. */
final class Shell {
    static final Path TARBALL = Path.of(System.getProperty("distribution.tarball", "target/missing.tar.gz"));
    static final Path TARGET = Path.of(System.getProperty("distribution.directory", "target"));
    static final String VERSION = System.getProperty("distribution.version", "unknown");
    static final Path PROJECT = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();

    /** What a command printed (stdout and stderr together, in order) and its exit code. */
    record Result(int exitCode, String output) {
        Result succeeded() {
            assertThat(exitCode).as("exit code; output:%n%s", output).isZero();
            return this;
        }
    }

    private Shell() {
    }

    static Result run(Path directory, Map<String, String> environment, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().remove("CACHE_DIRECTORY");
        if (!environment.containsKey("HOME") && !environment.containsKey("XDG_CACHE_HOME")) {
            // the launcher keeps its AppCDS archive in the user's cache: one under the directory the command runs in,
            // not the build machine's ~/.cache
            builder.environment().put("XDG_CACHE_HOME", directory.resolve(".cache").toString());
        }
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            // the output has ended, so the process has, or is about to
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("%s ended", command).isTrue();
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new AssertionError("could not run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + command, e);
        }
    }

    static Result run(Path directory, String... command) {
        return run(directory, Map.of(), List.of(command));
    }

    static boolean installed(String tool) {
        return Files.isExecutable(Path.of("/usr/bin", tool)) || Files.isExecutable(Path.of("/bin", tool));
    }

    /** The release tarball unpacked into {@code into}; returns its top directory. */
    static Path unpackTarball(Path into) {
        assertThat(TARBALL).as("the tarball the package phase built").isRegularFile();
        run(into, "tar", "-xzf", TARBALL.toString()).succeeded();
        Path top = into.resolve("jakamo-connector-" + VERSION);
        assertThat(top).isDirectory();
        return top;
    }

    static Path deb() throws IOException {
        try (var files = Files.list(TARGET)) {
            List<Path> debs = files.filter(f -> f.getFileName().toString().endsWith(".deb")).toList();
            assertThat(debs).as("the .deb the package phase built in " + TARGET).hasSize(1);
            return debs.get(0);
        }
    }

    static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    static Path writeScript(Path file, String body) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
