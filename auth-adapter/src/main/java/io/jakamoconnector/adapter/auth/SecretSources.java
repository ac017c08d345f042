package io.jakamoconnector.adapter.auth;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where secret references are resolved: the process environment (for {@code env} references and
 * {@code $CREDENTIALS_DIRECTORY}). Injected, so tests and the CLI can supply their own; only {@link #system()} looks
 * at the real environment.
 */
public final class SecretSources {
    /** The variable systemd sets for a unit with {@code LoadCredential=} / {@code SetCredential=}. */
    public static final String CREDENTIALS_DIRECTORY = "CREDENTIALS_DIRECTORY";

    private final Function<String, String> environment;

    private SecretSources(Function<String, String> environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    /** The process's own environment. */
    public static SecretSources system() {
        return new SecretSources(System::getenv);
    }

    public static SecretSources of(Map<String, String> environment) {
        Map<String, String> copy = Map.copyOf(environment);
        return new SecretSources(copy::get);
    }

    public static SecretSources of(Function<String, String> environment) {
        return new SecretSources(environment);
    }

    /** The variable's value, or empty when it is unset. */
    Optional<String> variable(String name) {
        return Optional.ofNullable(environment.apply(name));
    }

    /** {@code $CREDENTIALS_DIRECTORY}, or empty when the process was not started by systemd with credentials. */
    Optional<Path> credentialsDirectory() {
        return variable(CREDENTIALS_DIRECTORY).filter(v -> !v.isBlank()).map(Path::of);
    }

    @Override
    public String toString() {
        return "SecretSources";
    }
}
