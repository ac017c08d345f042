package io.jakamoconnector.architecture;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where the project's packages are, relative to one root package. The rules take every package and class name from
 * here, so they can be built twice: over the real root ({@code io.jakamoconnector}) and over the fixtures' root, where
 * deliberately wrong classes mimic the real layout. Every name handed out is remembered, so a test can prove that each
 * package or class a rule relies on really exists: a rule over a renamed package would otherwise pass silently.
 */
final class Layout {

    private final String root;
    private final Set<String> namedPackages = new TreeSet<>();
    private final Set<String> namedClasses = new TreeSet<>();

    Layout(String root) {
        this.root = root;
    }

    /** The root package itself, e.g. {@code io.jakamoconnector}. */
    String root() {
        return root;
    }

    /** The root package and everything below it, in ArchUnit's notation. */
    String everything() {
        return root + "..";
    }

    /** A package, e.g. {@code pkg("domain.port.out")}; remembered as one the rules rely on. */
    String pkg(String relative) {
        String name = root + "." + relative;
        namedPackages.add(name);
        return name;
    }

    /** A package and its sub-packages, in ArchUnit's notation ({@code io.jakamoconnector.domain..}). */
    String tree(String relative) {
        return pkg(relative) + "..";
    }

    /** A class, e.g. {@code type("domain.model.auth.AccessToken")}; remembered as one the rules rely on. */
    String type(String relative) {
        String name = root + "." + relative;
        namedClasses.add(name);
        return name;
    }

    /** Fully qualified names of the packages the rules named (without the trailing {@code ..}). */
    Set<String> namedPackages() {
        return Collections.unmodifiableSet(namedPackages);
    }

    /** Fully qualified names of the classes the rules named. */
    Set<String> namedClasses() {
        return Collections.unmodifiableSet(namedClasses);
    }

    /** The same name relative to this layout's root, e.g. {@code domain.model.auth.AccessToken}. */
    String relative(String fullyQualified) {
        return fullyQualified.startsWith(root + ".") ? fullyQualified.substring(root.length() + 1) : fullyQualified;
    }

    @Override
    public String toString() {
        return "Layout[" + root + "]";
    }
}
