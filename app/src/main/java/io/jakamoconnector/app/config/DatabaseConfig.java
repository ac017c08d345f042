package io.jakamoconnector.app.config;

import java.util.Optional;

/** A PostgreSQL server to use instead of the embedded one. */
public record DatabaseConfig(String url, String user, Optional<SecretReference> password) {
}
