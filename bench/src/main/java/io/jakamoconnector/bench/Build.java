package io.jakamoconnector.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A build of the connector the harness measures: its packaged jar, whether it is the "before" or "after" one, and the
 * JVM flags its child JVMs get after the harness's own ({@code --child-java-opts}, {@code --baseline-child-java-opts};
 * with the same jar on both sides, a comparison of flags, e.g. C1 only against the default).
 */
record Build(String label, Path jar, List<String> javaOpts) {
    static final String BEFORE = "before";
    static final String AFTER = "after";

    Build {
        if (!label.equals(BEFORE) && !label.equals(AFTER)) {
            throw new IllegalArgumentException("label: before or after, not " + label);
        }
        jar = jar.toAbsolutePath();
        javaOpts = List.copyOf(javaOpts);
    }

    static Build before(Path jar) {
        return new Build(BEFORE, jar, List.of());
    }

    static Build after(Path jar) {
        return new Build(AFTER, jar, List.of());
    }

    Build withJavaOpts(List<String> opts) {
        return new Build(label, jar, opts);
    }

    /** Fails with what to do when the jar is missing: a run would otherwise stop minutes later in a child JVM. */
    Build requireJar() {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("the " + label + " build's jar " + jar + " does not exist; build it "
                    + "with ./mvnw -q -B package -DskipTests -pl app -am in that commit's work tree");
        }
        return this;
    }
}
