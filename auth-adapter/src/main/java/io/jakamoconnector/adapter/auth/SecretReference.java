package io.jakamoconnector.adapter.auth;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a secret lives; the configuration file holds one of these, never the secret itself.
 * <ul>
 * <li>{@link #file(Path)}: a file that only its owner may read or write (mode {@code 0600} or {@code 0400}); anything
 * looser is refused before a byte is read;</li>
 * <li>{@link #systemdCredential(String)}: {@code $CREDENTIALS_DIRECTORY/<name>}, as systemd's {@code LoadCredential=}
 * provides it;</li>
 * <li>{@link #environment(String)}: an environment variable (the weakest: child processes inherit it).</li>
 * </ul>
 */
public sealed interface SecretReference {

    /** Secrets and key stores are small; anything bigger is the wrong file. */
    int MAX_BYTES = 1024 * 1024;

    static SecretReference file(Path path) {
        return new InFile(path);
    }

    static SecretReference systemdCredential(String name) {
        return new SystemdCredential(name);
    }

    static SecretReference environment(String variable) {
        return new EnvironmentVariable(variable);
    }

    /** Where it points, for messages: {@code file /etc/x}, {@code systemd credential 'x'}, {@code environment variable X}. */
    String describe();

    /** Reads the secret as it is stored (not trimmed). */
    SecretValue read(SecretSources sources);

    /** A file only its owner can read or write. */
    record InFile(Path path) implements SecretReference {
        public InFile {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String describe() {
            return "file " + path;
        }

        @Override
        public SecretValue read(SecretSources sources) {
            return SecretFileReader.readOwnerOnly(path, describe(), SecretFileReader.STRICT);
        }

        @Override
        public String toString() {
            return "SecretReference[" + describe() + "]";
        }
    }

    /** A credential systemd placed in {@code $CREDENTIALS_DIRECTORY}. */
    record SystemdCredential(String name) implements SecretReference {
        private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.@-]{1,255}");

        public SystemdCredential {
            Objects.requireNonNull(name, "name");
            if (!NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
                throw new IllegalArgumentException(
                        "systemd credential name: letters, digits and _ . @ - only (no path), not '" + name + "'");
            }
        }

        @Override
        public String describe() {
            return "systemd credential '" + name + "'";
        }

        @Override
        public SecretValue read(SecretSources sources) {
            Path directory = sources.credentialsDirectory().orElseThrow(() -> new UnreadableSecretException(
                    describe() + ": $" + SecretSources.CREDENTIALS_DIRECTORY + " is not set; run the connector as a"
                            + " systemd unit with LoadCredential=" + name + ":/path/to/secret, or use a file reference"));
            // systemd makes the directory and its files readable by the unit's user only; a file others can read
            // means something other than systemd put it there
            return SecretFileReader.readOwnerOnly(directory.resolve(name), describe(), SecretFileReader.NOT_BY_OTHERS);
        }

        @Override
        public String toString() {
            return "SecretReference[" + describe() + "]";
        }
    }

    /** An environment variable of the connector's process. */
    record EnvironmentVariable(String variable) implements SecretReference {
        private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,254}");

        public EnvironmentVariable {
            Objects.requireNonNull(variable, "variable");
            if (!NAME.matcher(variable).matches()) {
                throw new IllegalArgumentException("environment variable name: letters, digits and _, not '" + variable + "'");
            }
        }

        @Override
        public String describe() {
            return "environment variable " + variable;
        }

        @Override
        public SecretValue read(SecretSources sources) {
            String value = sources.variable(variable).orElseThrow(() -> new UnreadableSecretException(
                    describe() + " is not set in the connector's environment"));
            return new SecretValue(value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return "SecretReference[" + describe() + "]";
        }
    }
}
