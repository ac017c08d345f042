package io.jakamoconnector.domain.plugin;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One mapping of the configuration as a section reader sees it: values by key, each under its key path
 * ({@code integrations[orders].folders.root}), with the environment variable that overrides the key already applied,
 * and every problem collected rather than thrown, so the person fixing the file gets them all at once.
 * <p>
 * It needs nothing but the JDK on purpose: a section reader written against it carries no YAML library and no other
 * project module, so an ERP adapter plug-in owns the reader of its own section. The application provides
 * the one implementation, over the YAML tree and the process environment.
 */
public interface ConfigSection {

    /** This mapping's key path: empty at the top level, else e.g. {@code integrations[orders].jakamo}. */
    String path();

    /** The key path of one of this mapping's keys: {@code integrations[orders].jakamo.paths}. */
    default String pathOf(String key) {
        return path().isEmpty() ? key : path() + "." + key;
    }

    /** The same mapping under another key path, e.g. a list item {@code integrations[0]} by its name. */
    ConfigSection at(String path);

    /** Whether the file holds a mapping here (false for a single value or a section only the environment makes). */
    boolean isMapping();

    /** The keys the file writes in this mapping, in the file's order. */
    List<String> keys();

    /** Whether the file writes this key here, even with no value. */
    boolean has(String key);

    /** Whether the file writes this key here with a value (not empty, not null). */
    boolean hasValue(String key);

    /** Whether the file writes this key as a mapping. */
    boolean isMapping(String key);

    /** Whether the file writes this key as a list. */
    boolean isList(String key);

    /** Whether the file writes this key as a YAML boolean, which is how YAML 1.1 reads a bare {@code off}. */
    boolean isBoolean(String key);

    /** Whether an environment variable overrides this key. */
    boolean overridden(String key);

    /** The key's value as text: the environment's override, else the file's; a mapping or blank is a problem. */
    Optional<String> text(String key);

    /** {@link #text}, with "is required (expected); or set VARIABLE" as the problem when there is none; null then. */
    String requiredText(String key, String expected);

    /** A whole number from min to max, else the problem "must be a whole number from min to max". */
    Optional<Integer> integer(String key, int min, int max);

    /** {@code true} or {@code false}, else the problem "must be true or false" and {@code otherwise}. */
    boolean bool(String key, boolean otherwise);

    /** The key's value exactly as the file writes it when it is text, without the environment: a list item's name. */
    Optional<String> writtenText(String key);

    /** The items of a list the file writes here, each as text, without the environment; empty if it is no list. */
    Optional<List<String>> writtenTextList(String key);

    /** The items of a list the file writes here, each as {@code key[index]}; empty if it is no list. */
    Optional<List<ConfigSection>> items(String key);

    /**
     * A nested mapping or a single text value (a secret written where a reference belongs is reported by its reader),
     * present in the file or made to exist by an environment variable below it; anything else is the problem
     * "must be a mapping".
     */
    Optional<ConfigSection> section(String key);

    /** {@link #section}, refusing a single value with "must be a mapping, e.g. path: { key: value }". */
    Optional<ConfigSection> mapping(String key);

    /** Reports every key of this mapping not in {@code known} as "unknown key (expected one of [...])". */
    void knownKeys(Set<String> known);

    /** A path as written, relative to the configuration file's directory. */
    Path file(String text);

    /** Records a problem; {@code message} starts with the key path it is about. */
    void problem(String message);

    /** Whether any problem has been recorded so far, in any section. */
    boolean hasProblems();

    /** Whether a problem about this key path (or one below it) has been recorded so far. */
    boolean hasProblemAt(String path);

    /**
     * Builds a value, turning a refusal ({@link IllegalArgumentException}) into the problem "at: rule"; null then.
     */
    <T> T value(String at, Supplier<T> make);
}
