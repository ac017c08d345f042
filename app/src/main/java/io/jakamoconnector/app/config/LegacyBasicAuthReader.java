package io.jakamoconnector.app.config;

import io.jakamoconnector.domain.plugin.ConfigSection;
import java.util.Optional;
import java.util.Set;

/** {@code integrations[x].legacyBasicAuth}: the old basic credentials, a user name and a reference to the password. */
final class LegacyBasicAuthReader {
    private LegacyBasicAuthReader() {
    }

    /** Null when incomplete (with the problems). */
    static LegacyBasicAuthConfig read(ConfigSection node) {
        String at = node.path();
        node.knownKeys(Set.of("username", "password"));
        String username = node.requiredText("username",
                "the integration's old basic-authentication user name, as set with \"Change Credentials\" in Jakamo");
        if (username != null && (username.contains(":") || username.strip().length() < 5)) {
            node.problem(at + ".username: must be at least 5 characters without ':' (Jakamo's rule for basic "
                    + "user names)");
            username = null;
        }
        Optional<SecretReference> password = SecretReferenceReader.read(node, "password");
        if (password.isEmpty() && !node.has("password")) {
            node.problem(at + ".password: is required: where the old password is kept, e.g. "
                    + "{ file: /etc/jakamo-connector/orders-basic.password } (chmod 600), { credential: name } or "
                    + "{ env: VARIABLE }; never the password itself");
        }
        return username == null || password.isEmpty() ? null : new LegacyBasicAuthConfig(username.strip(),
                password.get());
    }
}
