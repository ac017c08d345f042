package io.jakamoconnector.app.config;

import io.jakamoconnector.domain.plugin.ConfigSection;
import java.util.Optional;
import java.util.Set;

/** {@code database}: an external PostgreSQL, whose TLS must verify the server unless the risk is accepted in words. */
final class DatabaseReader {
    private DatabaseReader() {
    }

    static DatabaseConfig read(ConfigSection node) {
        node.knownKeys(Set.of("url", "user", "password", "allowUnverifiedTls"));
        String url = node.requiredText("url", "a JDBC URL such as jdbc:postgresql://host:5432/jakamo");
        if (url != null && !url.startsWith("jdbc:postgresql://")) {
            node.problem("database.url: must be a PostgreSQL JDBC URL starting with jdbc:postgresql://");
        }
        String user = node.requiredText("user", "the database user name");
        Optional<SecretReference> password = SecretReferenceReader.read(node, "password");
        boolean allowUnverifiedTls = node.bool("allowUnverifiedTls", false);
        Optional<String> unverified = url == null ? Optional.empty() : DatabaseTls.unverified(url);
        if (unverified.isPresent() && !allowUnverifiedTls) {
            node.problem("database.url: the connection to " + DatabaseTls.hostsOf(url) + " would not verify the "
                    + "server's certificate: " + unverified.get() + ". Add sslmode=verify-full&sslrootcert=<the "
                    + "PEM of the CA that signed the server's certificate> to the URL (after ? or &), e.g. "
                    + "?sslmode=verify-full&sslrootcert=/etc/jakamo-connector/db-ca.pem; or, accepting that "
                    + "anyone on the network path can read and change the traffic, set "
                    + "database.allowUnverifiedTls: true");
        }
        return new DatabaseConfig(url, user, password, allowUnverifiedTls);
    }
}
