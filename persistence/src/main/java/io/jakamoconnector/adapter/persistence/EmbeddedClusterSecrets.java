package io.jakamoconnector.adapter.persistence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The passwords of the embedded cluster's three roles, kept in {@code .pgpass} inside its data directory: that
 * directory is 0700 and the file 0600, so only the connector's OS user can read them, and {@code psql} finds them
 * with {@code PGPASSFILE} when an operator needs a shell. Created once with the cluster; never logged or shown.
 */
final class EmbeddedClusterSecrets {
    static final String FILE = ".pgpass";
    static final String SUPERUSER = "postgres";
    static final String OWNER = "jakamo_owner";   // EmbeddedPostgresDatabase.OWNER_ROLE
    static final String APPLICATION = PostgresDatabase.APPLICATION_ROLE;
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();
    private static final int LENGTH = 32;

    private final Map<String, char[]> passwords;

    private EmbeddedClusterSecrets(Map<String, char[]> passwords) {
        this.passwords = passwords;
    }

    /** New random passwords for every role, not yet written anywhere. */
    static EmbeddedClusterSecrets generate() {
        SecureRandom random = new SecureRandom();
        Map<String, char[]> passwords = new HashMap<>();
        for (String role : List.of(SUPERUSER, OWNER, APPLICATION)) {
            char[] password = new char[LENGTH];
            for (int i = 0; i < LENGTH; i++) {
                password[i] = ALPHABET[random.nextInt(ALPHABET.length)];
            }
            passwords.put(role, password);
        }
        return new EmbeddedClusterSecrets(passwords);
    }

    /** The passwords in {@code dataDirectory/.pgpass}, or empty when there is no such file (a new or older cluster). */
    static Optional<EmbeddedClusterSecrets> read(Path dataDirectory) throws IOException {
        Path file = dataDirectory.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Map<String, char[]> passwords = new HashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
            String[] fields = line.split(":", 5);
            if (fields.length == 5) {
                passwords.put(fields[3], fields[4].toCharArray());
            }
        }
        for (String role : List.of(SUPERUSER, OWNER, APPLICATION)) {
            if (!passwords.containsKey(role)) {
                throw new IOException(file + " has no password for role " + role + "; it was edited or truncated "
                        + "(restore it from a backup of the data directory)");
            }
        }
        return Optional.of(new EmbeddedClusterSecrets(passwords));
    }

    /** Writes {@code .pgpass} (0600) atomically; an existing one is replaced. */
    void write(Path dataDirectory) throws IOException {
        StringBuilder content = new StringBuilder();
        for (String role : List.of(SUPERUSER, OWNER, APPLICATION)) {
            content.append("*:*:*:").append(role).append(':').append(passwords.get(role)).append('\n');
        }
        PrivateFiles.writeAtomically(dataDirectory.resolve(FILE), content.toString().getBytes(StandardCharsets.US_ASCII));
    }

    char[] superuser() {
        return passwords.get(SUPERUSER).clone();
    }

    char[] owner() {
        return passwords.get(OWNER).clone();
    }

    char[] application() {
        return passwords.get(APPLICATION).clone();
    }

    @Override
    public String toString() {
        return "EmbeddedClusterSecrets[roles=" + passwords.keySet() + ", passwords=(hidden)]";
    }
}
