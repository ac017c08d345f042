package io.jakamoconnector.adapter.persistence;

import java.net.URI;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A PostgreSQL server someone else runs, reached by a JDBC URL. The password is asked for each time a connection is
 * opened and never kept as a string by this class, logged or shown.
 */
public final class ExternalDatabase extends PostgresDatabase {
    private final String jdbcUrl;
    private final String user;
    private final Supplier<char[]> password;

    /**
     * @param jdbcUrl  {@code jdbc:postgresql://host:port/database}; put no password in it (it would show in messages)
     * @param user     the user that owns the schema (it runs the migrations)
     * @param password asked for at each new connection; may return null for servers that need none
     */
    public ExternalDatabase(String jdbcUrl, String user, Supplier<char[]> password, int poolSize) {
        super(poolSize);
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("database.url: must start with jdbc:postgresql:");
        }
        if (jdbcUrl.toLowerCase(java.util.Locale.ROOT).contains("password=")) {
            throw new IllegalArgumentException("database.url: must not contain the password; configure it apart");
        }
        this.jdbcUrl = jdbcUrl;
        this.user = Objects.requireNonNull(user, "user");
        this.password = Objects.requireNonNull(password, "password");
    }

    public ExternalDatabase(String jdbcUrl, String user, Supplier<char[]> password) {
        this(jdbcUrl, user, password, 8);
    }

    @Override
    ConnectionFactory startServer() {
        return new ConnectionFactory(jdbcUrl, user, password, "jakamo-connector");
    }

    @Override
    void stopServer() {
        // not ours to stop
    }

    /** The URL without its query parameters, and the user. */
    @Override
    public String description() {
        return withoutQuery(jdbcUrl) + " as " + user;
    }

    static String withoutQuery(String jdbcUrl) {
        int question = jdbcUrl.indexOf('?');
        String base = question < 0 ? jdbcUrl : jdbcUrl.substring(0, question);
        try {
            URI uri = URI.create(base.substring("jdbc:".length()));
            return uri.getUserInfo() == null ? base : "jdbc:postgresql://" + uri.getHost()
                    + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + uri.getPath();
        } catch (IllegalArgumentException e) {
            return base;
        }
    }
}
