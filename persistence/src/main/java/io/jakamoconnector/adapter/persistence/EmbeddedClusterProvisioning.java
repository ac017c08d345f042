package io.jakamoconnector.adapter.persistence;

import io.jakamoconnector.domain.port.out.StateStoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.postgresql.PGConnection;

/**
 * What the embedded cluster's superuser sets up after the server started, before the connector uses it: it checks that
 * the server really applies password authentication everywhere (fail closed), and makes the two roles the connector
 * works as: {@code jakamo_owner}, which owns the database and runs the migrations, and {@code jakamo_app}, which the
 * connector's connections log in as. Neither is a superuser, may create roles or databases, or is a member of the
 * roles that read server files or run programs. Idempotent; a cluster made by an earlier version (everything owned by
 * the superuser) has its objects handed to {@code jakamo_owner}.
 */
final class EmbeddedClusterProvisioning {
    /** Raised when what the provisioning sets up changes, so every cluster is provisioned again once. */
    static final String VERSION = "1";

    private final Path dataDirectory;
    private final int port;
    private final EmbeddedClusterSecrets secrets;
    private final String database;

    EmbeddedClusterProvisioning(Path dataDirectory, int port, EmbeddedClusterSecrets secrets, String database) {
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.secrets = secrets;
        this.database = database;
    }

    String url(String databaseName) {
        return "jdbc:postgresql://localhost:" + port + "/" + databaseName;
    }

    void run() {
        try (Connection admin = superuser("postgres")) {
            refuseUnlessPasswordEverywhere(admin);
            Path marker = dataDirectory.resolve(EmbeddedClusterFiles.PROVISIONED_MARKER);
            if (Files.exists(marker) && VERSION.equals(Files.readString(marker, StandardCharsets.US_ASCII).trim())
                    && databaseExists(admin)) {
                return;
            }
            provisionRoles(admin);
            provisionDatabase(admin);
            try (Connection inDatabase = superuser(database)) {
                handOverObjects(inDatabase);
            }
            PrivateFiles.writeAtomically(marker, VERSION.getBytes(StandardCharsets.US_ASCII));
        } catch (SQLException e) {
            throw SqlFailures.translate("securing the embedded PostgreSQL in " + dataDirectory, e);
        } catch (IOException e) {
            throw new StateStoreException("securing the embedded PostgreSQL in " + dataDirectory + " failed: "
                    + e.getMessage(), false, e);
        }
    }

    private Connection superuser(String databaseName) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", EmbeddedClusterSecrets.SUPERUSER);
        properties.setProperty("password", new String(secrets.superuser()));
        properties.setProperty("ApplicationName", "jakamo-connector provisioning");
        return DriverManager.getConnection(url(databaseName), properties);
    }

    /** Fail closed: a server that would let anyone in without a password is not used. */
    private void refuseUnlessPasswordEverywhere(Connection admin) throws SQLException {
        try (Statement statement = admin.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*) FROM pg_hba_file_rules "
                     + "WHERE error IS NOT NULL OR auth_method <> 'scram-sha-256'")) {
            rs.next();
            if (rs.getLong(1) != 0) {
                throw new StateStoreException("the embedded PostgreSQL in " + dataDirectory + " does not require a "
                        + "password on every connection (pg_hba.conf has " + rs.getLong(1) + " other rule(s)); it was "
                        + "changed while the server ran: restart the connector, which rewrites it", false, null);
            }
        }
    }

    private boolean databaseExists(Connection admin) throws SQLException {
        try (PreparedStatement exists = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rs = exists.executeQuery()) {
                return rs.next();
            }
        }
    }

    private void provisionRoles(Connection admin) throws SQLException {
        try (Statement statement = admin.createStatement()) {
            for (String role : new String[] {EmbeddedClusterSecrets.OWNER, EmbeddedClusterSecrets.APPLICATION}) {
                statement.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + role
                        + "') THEN CREATE ROLE " + role + "; END IF; END $$");
                statement.execute("ALTER ROLE " + role
                        + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS");
                // none of these is granted by default; revoking states the rule (a mere WARNING if not a member)
                statement.execute("REVOKE pg_read_server_files, pg_write_server_files, pg_execute_server_program "
                        + "FROM " + role);
            }
        }
        PGConnection pg = admin.unwrap(PGConnection.class);
        // the SCRAM verifier is computed here: the password itself never reaches the server or its log
        pg.alterUserPassword(EmbeddedClusterSecrets.OWNER, secrets.owner(), "scram-sha-256");
        pg.alterUserPassword(EmbeddedClusterSecrets.APPLICATION, secrets.application(), "scram-sha-256");
    }

    private void provisionDatabase(Connection admin) throws SQLException {
        try (Statement statement = admin.createStatement()) {
            if (databaseExists(admin)) {
                statement.execute("ALTER DATABASE " + database + " OWNER TO " + EmbeddedClusterSecrets.OWNER);
            } else {
                statement.execute("CREATE DATABASE " + database + " OWNER " + EmbeddedClusterSecrets.OWNER
                        + " ENCODING 'UTF8'");
            }
            statement.execute("REVOKE ALL ON DATABASE " + database + " FROM PUBLIC");
            statement.execute("GRANT CONNECT, TEMPORARY ON DATABASE " + database + " TO "
                    + EmbeddedClusterSecrets.APPLICATION);
            statement.execute("REVOKE CONNECT ON DATABASE postgres FROM PUBLIC");
            statement.execute("REVOKE CONNECT ON DATABASE template1 FROM PUBLIC");
        }
    }

    /**
     * The schema {@code public} and everything in it go to {@code jakamo_owner}: a cluster of an earlier version has
     * its tables, sequences and functions owned by the superuser. Tables first, which takes their identity sequences
     * along (those cannot change owner on their own).
     */
    private void handOverObjects(Connection inDatabase) throws SQLException {
        String owner = EmbeddedClusterSecrets.OWNER;
        try (Statement statement = inDatabase.createStatement()) {
            statement.execute("ALTER SCHEMA public OWNER TO " + owner);
            statement.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
            statement.execute("""
                    DO $$
                    DECLARE r record;
                    BEGIN
                        FOR r IN SELECT c.relname, c.relkind FROM pg_class c
                                 JOIN pg_namespace n ON n.oid = c.relnamespace
                                 WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm')
                                   AND pg_get_userbyid(c.relowner) <> '%1$s' LOOP
                            EXECUTE format('ALTER %%s public.%%I OWNER TO %1$s',
                                CASE r.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                                ELSE 'TABLE' END, r.relname);
                        END LOOP;
                        FOR r IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                                 WHERE n.nspname = 'public' AND c.relkind = 'S'
                                   AND pg_get_userbyid(c.relowner) <> '%1$s' LOOP
                            EXECUTE format('ALTER SEQUENCE public.%%I OWNER TO %1$s', r.relname);
                        END LOOP;
                        FOR r IN SELECT p.oid::regprocedure AS signature FROM pg_proc p
                                 JOIN pg_namespace n ON n.oid = p.pronamespace
                                 WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> '%1$s' LOOP
                            EXECUTE format('ALTER ROUTINE %%s OWNER TO %1$s', r.signature);
                        END LOOP;
                    END
                    $$""".formatted(owner));
        }
    }
}
