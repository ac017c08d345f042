package io.jakamoconnector.app.cli;

import static org.awaitility.Awaitility.await;

import io.jakamoconnector.app.wiring.EmbeddedDatabaseModule;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/** The packaged connector as a child process, its output collected line by line, and its health endpoint. */
public final class ConnectorProcess implements AutoCloseable {
    private static final Pattern HEALTH = Pattern.compile("health (http://[^/ ]+)/health/ready");

    public final Process process;
    public final long startedNanos = System.nanoTime();
    public final List<String> out = new CopyOnWriteArrayList<>();
    public final List<String> err = new CopyOnWriteArrayList<>();

    private final List<Thread> drains = new ArrayList<>();

    private ConnectorProcess(Process process) {
        this.process = process;
        drains.add(drain(process.getInputStream(), out, "stdout"));
        drains.add(drain(process.getErrorStream(), err, "stderr"));
    }

    /**
     * {@code java -jar target/jakamo-connector.jar <args>} in {@code workDir}, with only the given JAKAMO_ variables
     * (and the build's {@value EmbeddedDatabaseModule#BINARIES_VARIABLE}, unless {@code env} sets it).
     */
    public static ConnectorProcess start(Path workDir, Map<String, String> env, String... args)
            throws IOException {
        return start(Path.of("target", "jakamo-connector.jar"), workDir, env, args);
    }

    /** The same with the packaged jar at {@code jarFile}; other modules' tests pass app's. */
    public static ConnectorProcess start(Path jarFile, Path workDir, Map<String, String> env, String... args)
            throws IOException {
        Path jar = jarFile.toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException("package the app module first (./mvnw -pl app -am package -DskipTests): "
                    + jar + " is missing");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        // the build's shared copy of the embedded server's binaries stays; every other setting comes from env
        pb.environment().keySet().removeIf(k -> k.startsWith("JAKAMO_")
                && !k.equals(EmbeddedDatabaseModule.BINARIES_VARIABLE));
        pb.environment().putAll(env);
        return new ConnectorProcess(pb.start());
    }

    private static Thread drain(InputStream stream, List<String> into, String name) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    into.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "child-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Waits for a line on stdout; fails with everything the process said if it ends or the time runs out first. */
    public String awaitOut(Predicate<String> line, Duration timeout) throws InterruptedException {
        try {
            return await().atMost(timeout).pollInterval(Duration.ofMillis(20))
                    .failFast("the process ended and everything it said is read", () -> !process.isAlive()
                            && drains.stream().noneMatch(Thread::isAlive) && out.stream().noneMatch(line))
                    .until(() -> out.stream().filter(line).findFirst(), Optional::isPresent).orElseThrow();
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            throw new AssertionError("no such line (alive: " + process.isAlive() + ")\n" + transcript(), e);
        }
    }

    /** Waits for the process to end by itself and for the last of its output; returns the exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("did not end within " + timeout + "\n" + transcript());
        }
        joinDrains();
        return process.exitValue();
    }

    private void joinDrains() throws InterruptedException {
        for (Thread drain : drains) {
            drain.join(5000);   // the last lines may still be in the pipe
        }
    }

    /** The health endpoint's base, from the line {@code run} prints when it is up. */
    public URI health(Duration timeout) throws InterruptedException {
        Matcher m = HEALTH.matcher(awaitOut(l -> HEALTH.matcher(l).find(), timeout));
        if (!m.find()) {
            throw new AssertionError("no health address");
        }
        return URI.create(m.group(1));
    }

    public String transcript() {
        return "--- stdout\n" + String.join("\n", out) + "\n--- stderr\n" + String.join("\n", err);
    }

    /**
     * SIGTERM, as systemd stops a unit; returns the exit code. Through the process handle: {@code Process.destroy()}
     * sends the same signal but also closes our ends of the pipes, losing what the process says while it stops.
     */
    public int terminate(Duration timeout) throws InterruptedException {
        process.toHandle().destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("did not stop within " + timeout + "\n" + transcript());
        }
        joinDrains();
        return process.exitValue();
    }

    /** The resident memory of the JVM (not counting an embedded PostgreSQL), in MiB, from /proc. */
    public long rssMiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    public record Response(int status, String body) {
    }

    public static Response get(URI uri) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        connection.setConnectTimeout(2000);
        connection.setReadTimeout(10000);
        int status = connection.getResponseCode();
        InputStream body = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        String text = body == null ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8);
        connection.disconnect();
        return new Response(status, text);
    }
}
