package io.jakamoconnector.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** A build of the connector the harness measures: its packaged jar and whether it is the "before" or "after" one. */
record Build(String label, Path jar) {
    static final String BEFORE = "before";
    static final String AFTER = "after";

    Build {
        if (!label.equals(BEFORE) && !label.equals(AFTER)) {
            throw new IllegalArgumentException("label: before or after, not " + label);
        }
        jar = jar.toAbsolutePath();
    }

    static Build before(Path jar) {
        return new Build(BEFORE, jar);
    }

    static Build after(Path jar) {
        return new Build(AFTER, jar);
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
