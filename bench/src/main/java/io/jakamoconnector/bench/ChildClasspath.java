package io.jakamoconnector.bench;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The class path of a child JVM that measures one build: the harness's own classes, this work tree's sandbox and the
 * domain's test-jar (sample documents), then the build's packaged jar, which holds every library the connector and
 * the sandbox use. Every other project module and every library of the harness is left out: every connector class
 * comes from the jar under test and none from this work tree (a class the baseline lacks fails loudly instead of being
 * taken from the newer build), and no resource is found twice (zonky refuses two PostgreSQL binaries). The sandbox is a simulator, not the connector; both builds meet this work tree's, which
 * also has the options the older one may lack (the per-call API latency). It goes before the jar, which holds its own
 * copy of the sandbox.
 */
final class ChildClasspath {
    private static final String PROJECT = "/io/jakamoconnector/";

    private ChildClasspath() {
    }

    /**
     * @param harness the harness's class path entries (its {@code java.class.path}), as {@code bench/run} builds it:
     *                {@code bench/target/classes} and the Maven repository's jars
     */
    static String of(List<String> harness, Path jar) {
        List<String> first = new ArrayList<>();
        for (String entry : harness) {
            String unix = entry.replace(File.separatorChar, '/');
            if (isBenchClasses(unix)) {
                first.add(0, entry);
            } else if (isModule(unix, "sandbox") || isDomainTestJar(unix)) {
                first.add(entry);
            }
        }
        if (first.stream().noneMatch(e -> isBenchClasses(e.replace(File.separatorChar, '/')))) {
            throw new IllegalStateException("the harness's class path has no bench/target/classes; start it with "
                    + "bench/run");
        }
        List<String> all = new ArrayList<>(first);
        all.add(jar.toAbsolutePath().toString());
        return String.join(File.pathSeparator, all);
    }

    static List<String> harnessEntries() {
        return List.of(System.getProperty("java.class.path").split(File.pathSeparator));
    }

    private static boolean isBenchClasses(String entry) {
        return entry.endsWith("bench/target/classes") || entry.endsWith("bench/target/classes/");
    }

    private static boolean isModule(String entry, String module) {
        return (entry.contains(PROJECT + module + "/") && !entry.endsWith("-tests.jar"))
                || entry.endsWith("/" + module + "/target/classes") || entry.endsWith("/" + module + "/target/classes/");
    }

    private static boolean isDomainTestJar(String entry) {
        return (entry.contains(PROJECT + "domain/") && entry.endsWith("-tests.jar"))
                || entry.endsWith("/domain/target/test-classes") || entry.endsWith("/domain/target/test-classes/");
    }
}
