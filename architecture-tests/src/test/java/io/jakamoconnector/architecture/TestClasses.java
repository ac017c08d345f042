package io.jakamoconnector.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The compiled tests of every module this one depends on, imported once from their {@code target/test-classes}
 * (Maven compiles them before this module's tests run, also with {@code -DskipTests}). The reliability suite is not
 * among them: it comes after this module in the reactor, and the rules exempt it anyway.
 */
final class TestClasses {

    /** The modules whose tests the rules over test code check. */
    static final List<String> MODULES = List.of("domain", "auth-adapter", "jakamo-adapter", "persistence",
            "erp-folder-adapter", "notification-adapter", "console-adapter", "sandbox", "app");

    private static final JavaClasses CLASSES = new ClassFileImporter().importPaths(directories());

    private TestClasses() {
    }

    static JavaClasses get() {
        return CLASSES;
    }

    private static List<Path> directories() {
        // surefire runs in this module's directory; the others are its siblings
        Path root = Path.of("").toAbsolutePath().getParent();
        List<Path> directories = new ArrayList<>();
        for (String module : MODULES) {
            Path classes = root.resolve(module).resolve("target/test-classes");
            if (!Files.isDirectory(classes)) {
                throw new IllegalStateException(classes + " is missing: compile the tests of every module first, "
                        + "e.g. ./mvnw -B -pl architecture-tests -am verify (not -Dmaven.test.skip=true)");
            }
            directories.add(classes);
        }
        return directories;
    }
}
