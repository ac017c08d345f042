package io.jakamoconnector.adapter.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

/**
 * What a backup file holds, in its {@value #ENTRY} entry ({@code key=value} lines): the format, the schema version the
 * rows were copied from, the installation, the audit chain's head at the snapshot, and for each table its columns, row
 * count and the SHA-256 of its part.
 *
 * @param schemaVersion the Flyway version of the source's newest migration
 * @param auditHeadSeq  the audit chain's last sequence number at the snapshot
 * @param auditHeadHash that event's hash, hex
 */
public record BackupManifest(int format, Instant createdAt, String schemaVersion, String installation,
                             long auditHeadSeq, String auditHeadHash, List<Part> parts) {
    /** The format this connector writes and reads. */
    public static final int FORMAT = 1;
    static final String ENTRY = "manifest.properties";
    static final String MAGIC = "jakamo-connector-database-backup";

    /** One table: its rows in PostgreSQL's COPY text format, in the zip entry {@code data/<table>.copy}. */
    public record Part(String table, List<String> columns, long rows, String sha256) {
        public Part {
            columns = List.copyOf(columns);
        }

        String entry() {
            return "data/" + table + ".copy";
        }
    }

    public BackupManifest {
        parts = List.copyOf(parts);
    }

    /** Rows per table, for people: {@code inbound_message=3, outbound_document=5, ...}. */
    public String counts() {
        StringBuilder text = new StringBuilder();
        for (Part part : parts) {
            text.append(text.length() == 0 ? "" : ", ").append(part.table()).append('=').append(part.rows());
        }
        return text.toString();
    }

    public long rows(String table) {
        return parts.stream().filter(p -> p.table().equals(table)).mapToLong(Part::rows).sum();
    }

    byte[] toBytes() {
        StringBuilder text = new StringBuilder();
        line(text, "magic", MAGIC);
        line(text, "format", Integer.toString(format));
        line(text, "created_at", createdAt.toString());
        line(text, "schema_version", schemaVersion);
        line(text, "installation", installation);
        line(text, "audit_head_seq", Long.toString(auditHeadSeq));
        line(text, "audit_head_hash", auditHeadHash);
        List<String> tables = new ArrayList<>();
        parts.forEach(p -> tables.add(p.table()));
        line(text, "tables", String.join(",", tables));
        for (Part part : parts) {
            line(text, "table." + part.table() + ".columns", String.join(",", part.columns()));
            line(text, "table." + part.table() + ".rows", Long.toString(part.rows()));
            line(text, "table." + part.table() + ".sha256", part.sha256());
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void line(StringBuilder text, String key, String value) {
        text.append(key).append('=').append(value).append('\n');
    }

    /** Reads and checks a manifest; a broken one is {@link DatabaseBackupException.Reason#CORRUPT}. */
    static BackupManifest read(InputStream in, String file) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        if (!MAGIC.equals(p.getProperty("magic"))) {
            throw corrupt(file, "its manifest is not a jakamo-connector database backup's");
        }
        try {
            int format = Integer.parseInt(required(p, "format", file));
            if (format > FORMAT) {
                throw new DatabaseBackupException(DatabaseBackupException.Reason.NEWER_SCHEMA, "the backup " + file
                        + " has format " + format + ", this connector reads format " + FORMAT
                        + ": restore it with the connector version that wrote it, or a newer one", null);
            }
            List<Part> parts = new ArrayList<>();
            for (String table : required(p, "tables", file).split(",")) {
                if (!table.matches("[a-z_][a-z0-9_]*")) {
                    throw corrupt(file, "its manifest names a table '" + table + "'");
                }
                String hash = required(p, "table." + table + ".sha256", file);
                if (!hash.matches("[0-9a-f]{64}")) {
                    throw corrupt(file, "its manifest has no SHA-256 for " + table);
                }
                List<String> columns = List.of(required(p, "table." + table + ".columns", file).split(","));
                for (String column : columns) {
                    if (!column.matches("[a-z_][a-z0-9_]*")) {
                        throw corrupt(file, "its manifest names a column '" + column + "'");
                    }
                }
                parts.add(new Part(table, columns, Long.parseLong(required(p, "table." + table + ".rows", file)),
                        hash));
            }
            String headHash = required(p, "audit_head_hash", file);
            HexFormat.of().parseHex(headHash);
            return new BackupManifest(format, Instant.parse(required(p, "created_at", file)),
                    required(p, "schema_version", file), required(p, "installation", file),
                    Long.parseLong(required(p, "audit_head_seq", file)), headHash, parts);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw corrupt(file, "its manifest is damaged (" + e.getMessage() + ")");
        }
    }

    private static String required(Properties p, String key, String file) {
        String value = p.getProperty(key);
        if (value == null || value.isBlank()) {
            throw corrupt(file, "its manifest has no " + key);
        }
        return value;
    }

    static DatabaseBackupException corrupt(String file, String what) {
        return new DatabaseBackupException(DatabaseBackupException.Reason.CORRUPT, "the backup " + file
                + " cannot be restored: " + what + "; take another copy of it, or another backup", null);
    }
}
