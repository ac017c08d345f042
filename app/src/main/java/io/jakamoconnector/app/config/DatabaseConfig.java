package io.jakamoconnector.app.config;

import java.util.Optional;

/**
 * A PostgreSQL server to use instead of the embedded one.
 *
 * @param allowUnverifiedTls {@code database.allowUnverifiedTls}: accept a URL that does not verify a remote server's
 *                           certificate ({@link DatabaseTls}); refused otherwise, with a WARN at each start when allowed
 */
public record DatabaseConfig(String url, String user, Optional<SecretReference> password, boolean allowUnverifiedTls) {

    public DatabaseConfig(String url, String user, Optional<SecretReference> password) {
        this(url, user, password, false);
    }

    /** Why the connection to the server is not verified, when it is not and the server is not on this host. */
    public Optional<String> unverifiedTls() {
        return DatabaseTls.unverified(url);
    }
}
