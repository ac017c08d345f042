package io.jakamoconnector.app.config;

/**
 * The basic-authentication credentials an integration used before OAuth2, given only so that {@code doctor} can try
 * them once and say whether Jakamo still accepts them. The connector never uses them for anything else.
 *
 * @param username the old user name (not a secret)
 * @param password where the old password is kept; never the password itself
 */
public record LegacyBasicAuthConfig(String username, SecretReference password) {
}
