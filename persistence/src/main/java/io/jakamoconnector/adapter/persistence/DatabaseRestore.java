package io.jakamoconnector.adapter.persistence;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.flywaydb.core.api.MigrationVersion;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Loads a {@link DatabaseBackup} into a database nobody else works on: the file is checked first (manifest, every
 * part's SHA-256 and row count), then the schema is migrated to the backup's version, the rows are loaded in one
 * transaction (hashed again while loading, so a file changed meanwhile rolls back), identity sequences are set past
 * the highest id, the audit chain's head is checked against the manifest, and the schema is migrated to this
 * connector's version. A target that holds data is refused unless {@code replace} is set.
 */
public final class DatabaseRestore {
    /** Tables the migrations fill with one row of their own (replaced by the backup's). */
    private static final Set<String> SEEDED = Set.of("audit_head", "installation");

    /** What was restored, and how many migrations ran after the load. */
    public record Summary(BackupManifest manifest, String schemaVersion, int migrationsAfterLoad) {
    }

    private DatabaseRestore() {
    }

    /** Reads and checks a backup file without touching any database: its manifest, each part's hash and row count. */
    public static BackupManifest check(Path file) {
        String name = file.toAbsolutePath().toString();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            BackupManifest manifest = manifest(zip, name);
            for (BackupManifest.Part part : manifest.parts()) {
                ZipEntry entry = zip.getEntry(part.entry());
                if (entry == null) {
                    throw BackupManifest.corrupt(name, "its part " + part.entry() + " is missing");
                }
                MessageDigest digest = DatabaseBackup.sha256();
                long lines = 0;
                try (InputStream in = new DigestInputStream(zip.getInputStream(entry), digest)) {
                    byte[] buffer = new byte[1 << 16];
                    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                        for (int i = 0; i < n; i++) {
                            if (buffer[i] == '\n') {
                                lines++;
                            }
                        }
                    }
                } catch (ZipException e) {
                    throw BackupManifest.corrupt(name, "its part " + part.entry() + " cannot be read ("
                            + e.getMessage() + ")");
                }
                if (!HexFormat.of().formatHex(digest.digest()).equals(part.sha256())) {
                    throw BackupManifest.corrupt(name, "its part " + part.entry() + " (table " + part.table()
                            + ") does not match its SHA-256 in the manifest");
                }
                if (lines != part.rows()) {
                    throw BackupManifest.corrupt(name, "its part " + part.entry() + " holds " + lines
                            + " rows, the manifest says " + part.rows());
                }
            }
            return manifest;
        } catch (ZipException e) {
            throw BackupManifest.corrupt(name, "it is not a zip file, or it was cut short (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new DatabaseBackupException(DatabaseBackupException.Reason.FILE, "the backup " + name
                    + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static BackupManifest manifest(ZipFile zip, String name) throws IOException {
        ZipEntry entry = zip.getEntry(BackupManifest.ENTRY);
        if (entry == null) {
            throw BackupManifest.corrupt(name, "it has no " + BackupManifest.ENTRY + " (is it a backup, or was "
                    + "it cut short?)");
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return BackupManifest.read(in, name);
        }
    }

    /**
     * Restores {@code file} into {@code database}, which must not be started (this starts it; it is started and
     * migrated to this connector's schema afterwards).
     *
     * @param replace replace the data the target holds (else a target with data is refused, saying what it holds)
     * @throws DatabaseBackupException when the file is damaged, newer, or the target is in use or holds data
     */
    public static Summary restore(PostgresDatabase database, Path file, boolean replace) {
        BackupManifest manifest = check(file);
        String name = file.toAbsolutePath().toString();
        database.start(factory -> {
            if (database instanceof EmbeddedPostgresDatabase embedded && !embedded.servesItself()) {
                throw inUse(database);
            }
            try (Connection connection = factory.openAsOwner()) {
                refuseIfOthersConnected(connection, database);
                Map<String, Long> held = rowsHeld(connection);
                if (!held.isEmpty() && !replace) {
                    throw new DatabaseBackupException(DatabaseBackupException.Reason.NOT_EMPTY, "the database at "
                            + database.description() + " holds data: " + describe(held) + ". A restore would "
                            + "replace all of it (it would be lost). Back it up first (jakamo-connector db backup "
                            + "--to FILE), then restore with --force; or restore into an empty database", null);
                }
            }
        }, manifest.schemaVersion(), factory -> {
            try (Connection connection = factory.openAsOwner(); ZipFile zip = new ZipFile(file.toFile())) {
                connection.setAutoCommit(false);
                refuseIfNewer(connection, manifest, name);
                clear(connection, rowsHeld(connection).keySet());
                load(connection, zip, manifest, name);
                resetIdentities(connection);
                checkHead(connection, manifest, name);
                connection.commit();
            } catch (IOException e) {
                throw new DatabaseBackupException(DatabaseBackupException.Reason.FILE, "the backup " + name
                        + " cannot be read: " + e.getMessage(), e);
            }
        });
        return new Summary(manifest, database.schemaVersion(), database.migrationsApplied());
    }

    static DatabaseBackupException inUse(PostgresDatabase database) {
        return new DatabaseBackupException(DatabaseBackupException.Reason.IN_USE, "a connector is working on the "
                + "database at " + database.description() + ": stop it first (systemctl stop jakamo-connector, or "
                + "end its 'run'), and wait for its commands to end", null);
    }

    /** Another connector's connections (they name themselves {@code jakamo-connector}) mean it is working. */
    private static void refuseIfOthersConnected(Connection connection, PostgresDatabase database) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = "
                     + "current_database() AND pid <> pg_backend_pid() AND application_name = 'jakamo-connector'")) {
            rs.next();
            if (rs.getLong(1) > 0) {
                throw inUse(database);
            }
        }
    }

    private static void refuseIfNewer(Connection connection, BackupManifest manifest, String name)
            throws SQLException {
        String current = DatabaseBackup.schemaVersion(connection);
        if (MigrationVersion.fromVersion(current).compareTo(MigrationVersion.fromVersion(manifest.schemaVersion()))
                < 0) {
            throw new DatabaseBackupException(DatabaseBackupException.Reason.NEWER_SCHEMA, "the backup " + name
                    + " holds schema version " + manifest.schemaVersion() + ", newer than this connector knows ("
                    + current + "): restore it with the connector version that wrote it, or a newer one", null);
        }
    }

    /** Tables holding rows other than what the migrations put there themselves, with their counts. */
    static Map<String, Long> rowsHeld(Connection connection) throws SQLException {
        Map<String, Long> held = new LinkedHashMap<>();
        for (String table : DatabaseBackup.tables(connection)) {
            String count = SEEDED.contains(table) ? "SELECT count(*) FROM " + table + (table.equals("audit_head")
                    ? " WHERE last_seq > 0" : " WHERE false") : "SELECT count(*) FROM " + table;
            try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(count)) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    held.put(table, rs.getLong(1));
                }
            }
        }
        return held;
    }

    static String describe(Map<String, Long> held) {
        List<String> parts = new ArrayList<>();
        held.forEach((table, rows) -> parts.add(rows + " row(s) in " + table));
        return String.join(", ", parts);
    }

    /**
     * Empties every table in the load's transaction. The audit tables refuse TRUNCATE by trigger; they hold rows only
     * when the operator asked to replace the data, and then their triggers are switched off for this transaction's
     * TRUNCATE alone.
     */
    private static void clear(Connection connection, Set<String> held) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String table : DatabaseBackup.tables(connection)) {
                boolean guarded = held.contains(table) && table.startsWith("audit_") && !SEEDED.contains(table);
                if (guarded) {
                    statement.execute("ALTER TABLE " + table + " DISABLE TRIGGER USER");
                }
                if (guarded || SEEDED.contains(table) || held.contains(table)) {
                    statement.execute("TRUNCATE " + table);
                }
                if (guarded) {
                    statement.execute("ALTER TABLE " + table + " ENABLE TRIGGER USER");
                }
            }
        }
    }

    private static void load(Connection connection, ZipFile zip, BackupManifest manifest, String name)
            throws SQLException, IOException {
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        for (BackupManifest.Part part : manifest.parts()) {
            MessageDigest digest = DatabaseBackup.sha256();
            long rows;
            try (InputStream in = new DigestInputStream(zip.getInputStream(zip.getEntry(part.entry())), digest)) {
                rows = copy.copyIn("COPY " + part.table() + " (" + String.join(", ", part.columns())
                        + ") FROM STDIN", in);
            }
            if (!HexFormat.of().formatHex(digest.digest()).equals(part.sha256()) || rows != part.rows()) {
                connection.rollback();
                throw BackupManifest.corrupt(name, "its part " + part.entry() + " changed while it was loaded");
            }
        }
    }

    /** Identity columns continue after the highest id loaded, so new rows never collide with restored ones. */
    private static void resetIdentities(Connection connection) throws SQLException {
        List<String[]> identities = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT c.relname, a.attname FROM pg_attribute a "
                     + "JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                     + "WHERE n.nspname = current_schema() AND a.attidentity <> '' AND NOT a.attisdropped")) {
            while (rs.next()) {
                identities.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        for (String[] identity : identities) {
            try (PreparedStatement statement = connection.prepareStatement("SELECT setval(pg_get_serial_sequence(?, "
                    + "?), coalesce((SELECT max(" + identity[1] + ") FROM " + identity[0] + "), 0) + 1, false)")) {
                statement.setString(1, identity[0]);
                statement.setString(2, identity[1]);
                statement.execute();
            }
        }
    }

    private static void checkHead(Connection connection, BackupManifest manifest, String name) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT last_seq, last_hash FROM audit_head")) {
            if (!rs.next() || rs.getLong(1) != manifest.auditHeadSeq()
                    || !HexFormat.of().formatHex(rs.getBytes(2)).equals(manifest.auditHeadHash())) {
                connection.rollback();
                throw BackupManifest.corrupt(name, "its audit chain's head is not the one its manifest names");
            }
        }
    }

    /** Counts the rows of a started database's tables, as a manifest does: for comparing a copy with its source. */
    public static Map<String, Long> rowCounts(PostgresDatabase database) {
        try (Connection connection = database.openOwnerConnection()) {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String table : DatabaseBackup.tables(connection)) {
                try (Statement statement = connection.createStatement();
                     ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
            return counts;
        } catch (SQLException e) {
            throw SqlFailures.translate("counting the rows at " + database.description(), e);
        }
    }
}
