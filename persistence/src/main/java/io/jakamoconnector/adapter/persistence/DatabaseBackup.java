package io.jakamoconnector.adapter.persistence;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Writes a consistent backup of the connector's database into one zip file, without {@code pg_dump} (the embedded
 * server's binaries have none): every table of the schema is copied with {@code COPY ... TO STDOUT} in one REPEATABLE
 * READ, READ ONLY transaction, so the file is one snapshot even while {@code run} keeps writing. The manifest ({@link
 * BackupManifest}) carries the schema version, row counts, each part's SHA-256 and the audit chain's head at that
 * snapshot. The file is written to a 0600 temporary file beside the target, forced to disk and linked to its name,
 * which never replaces an existing file.
 */
public final class DatabaseBackup {
    /** Flyway's own table: a restore makes it by migrating, so it is not copied. */
    static final String FLYWAY_HISTORY = "flyway_schema_history";

    private DatabaseBackup() {
    }

    /**
     * Writes the backup of {@code database} (started) to {@code target}, which must not exist.
     *
     * @throws DatabaseBackupException {@code FILE} when the file exists or cannot be written
     */
    public static BackupManifest write(PostgresDatabase database, Path target, Clock clock) {
        Path file = target.toAbsolutePath();
        if (Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw fileExists(file);
        }
        Path temporary;
        try {
            temporary = Files.createTempFile(file.getParent(), "." + file.getFileName() + ".", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (IOException e) {
            throw new DatabaseBackupException(DatabaseBackupException.Reason.FILE, "the backup cannot be written in "
                    + file.getParent() + ": " + e.getMessage() + "; choose a directory the connector's user may write",
                    e);
        }
        try {
            BackupManifest manifest;
            try (Connection connection = database.openOwnerConnection()) {
                manifest = copyInto(connection, temporary, clock);
            } catch (SQLException e) {
                throw SqlFailures.translate("backing up the database at " + database.description(), e);
            }
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.createLink(file, temporary);
            } catch (FileAlreadyExistsException e) {
                throw fileExists(file);
            } catch (UnsupportedOperationException e) {
                Files.move(temporary, file);   // no hard links here: a move without REPLACE_EXISTING
            }
            forceDirectory(file.getParent());
            return manifest;
        } catch (IOException e) {
            throw new DatabaseBackupException(DatabaseBackupException.Reason.FILE, "the backup " + file
                    + " could not be written: " + e.getMessage() + " (disk full? no permission?)", e);
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // a leftover .tmp file holds nothing the final file does not; the next backup has another name
            }
        }
    }

    private static DatabaseBackupException fileExists(Path file) {
        return new DatabaseBackupException(DatabaseBackupException.Reason.FILE, "the backup " + file + " exists "
                + "already and is never overwritten: choose another name, e.g. with the date", null);
    }

    private static BackupManifest copyInto(Connection connection, Path temporary, Clock clock)
            throws SQLException, IOException {
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        connection.setReadOnly(true);
        try {
            String schemaVersion = schemaVersion(connection);
            String installation;
            long headSeq;
            byte[] headHash;
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT (SELECT id FROM installation), last_seq, last_hash "
                         + "FROM audit_head")) {
                rs.next();
                installation = rs.getString(1);
                headSeq = rs.getLong(2);
                headHash = rs.getBytes(3);
            }
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            List<BackupManifest.Part> parts = new ArrayList<>();
            try (OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.WRITE);
                 ZipOutputStream zip = new ZipOutputStream(new java.io.BufferedOutputStream(out, 1 << 16))) {
                for (String table : tables(connection)) {
                    List<String> columns = columns(connection, table);
                    MessageDigest digest = sha256();
                    zip.putNextEntry(new ZipEntry("data/" + table + ".copy"));
                    long rows = copy.copyOut("COPY " + table + " (" + String.join(", ", columns) + ") TO STDOUT",
                            new DigestOutputStream(nonClosing(zip), digest));
                    zip.closeEntry();
                    parts.add(new BackupManifest.Part(table, columns, rows, HexFormat.of().formatHex(digest.digest())));
                }
                BackupManifest manifest = new BackupManifest(BackupManifest.FORMAT, clock.instant(), schemaVersion,
                        installation, headSeq, HexFormat.of().formatHex(headHash), parts);
                zip.putNextEntry(new ZipEntry(BackupManifest.ENTRY));
                zip.write(manifest.toBytes());
                zip.closeEntry();
                zip.finish();
                return manifest;
            }
        } finally {
            connection.rollback();
        }
    }

    /** The version of the newest migration applied (Flyway's history). */
    static String schemaVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT version FROM " + FLYWAY_HISTORY
                     + " WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1")) {
            return rs.next() ? rs.getString(1) : "0";
        }
    }

    /** The connector's tables in the current schema, by name. */
    static List<String> tables(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT c.relname FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() "
                + "AND c.relkind IN ('r', 'p') AND c.relname <> ? ORDER BY c.relname")) {
            statement.setString(1, FLYWAY_HISTORY);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
        }
        return tables;
    }

    /** A table's stored columns in their order (generated columns are made again by the server). */
    static List<String> columns(Connection connection, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT a.attname FROM pg_attribute a "
                + "JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = current_schema() AND c.relname = ? AND a.attnum > 0 AND NOT a.attisdropped "
                + "AND a.attgenerated = '' ORDER BY a.attnum")) {
            statement.setString(1, table);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException ignored) {
            // some file systems cannot open a directory; the file itself was forced
        }
    }

    private static OutputStream nonClosing(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        };
    }
}
