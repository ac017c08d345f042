package io.jakamoconnector.adapter.persistence;

import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The embedded cluster's own files, made so that only the connector's OS user can use the server: a {@code pg_hba.conf}
 * with password (SCRAM) authentication on every line and no {@code trust}, the socket in a 0700 directory inside the
 * data directory, and {@code .pgpass} with the roles' passwords. Written before every start of the server (the
 * embedded library calls {@link #prepare} after initdb and before {@code pg_ctl start}), so a file changed by hand or
 * by an older version of the connector is put right before the server reads it.
 */
final class EmbeddedClusterFiles {
    static final String HARDENING_CONF = "zz_hardening.conf";
    static final String PROVISIONED_MARKER = ".jakamo-provisioned";
    /** Longest socket directory whose socket file path still fits the kernel's 108 bytes. */
    private static final int MAX_SOCKET_DIRECTORY = 92;
    private static final String HBA = """
            # Written by jakamo-connector at every start: password (SCRAM) authentication only, never trust.
            local  all  all                scram-sha-256
            host   all  all  127.0.0.1/32  scram-sha-256
            host   all  all  ::1/128       scram-sha-256
            """;

    private final Path dataDirectory;
    private final Path binaryDirectory;

    /**
     * @param dataDirectory   the cluster's PGDATA
     * @param binaryDirectory where the embedded library unpacks the server's binaries (its working directory)
     */
    EmbeddedClusterFiles(Path dataDirectory, Path binaryDirectory) {
        this.dataDirectory = dataDirectory;
        this.binaryDirectory = binaryDirectory;
    }

    /**
     * Makes the data directory safe before the server starts. A cluster without {@code .pgpass} was made by an earlier
     * version (trust everywhere) or by an initdb whose process died before writing it: the superuser's password is set
     * in single-user mode first, so no server ever runs on the old trust rules.
     *
     * @param secrets   the passwords this start uses
     * @param newCluster whether initdb just made the cluster with the superuser password of {@code secrets}
     */
    void prepare(EmbeddedClusterSecrets secrets, boolean newCluster) throws IOException {
        PrivateFiles.directory(dataDirectory);
        if (!Files.exists(dataDirectory.resolve(EmbeddedClusterSecrets.FILE))) {
            if (!newCluster) {
                setSuperuserPasswordOffline(secrets.superuser());
            }
            Files.deleteIfExists(dataDirectory.resolve(PROVISIONED_MARKER));
            secrets.write(dataDirectory);
        }
        PrivateFiles.writeAtomically(dataDirectory.resolve("pg_hba.conf"), HBA.getBytes(StandardCharsets.US_ASCII));
        PrivateFiles.writeAtomically(dataDirectory.resolve(HARDENING_CONF),
                hardeningConf().getBytes(StandardCharsets.UTF_8));
        includeHardeningConf();
    }

    private String hardeningConf() throws IOException {
        Path socketDirectory = dataDirectory.resolve("sock");
        String sockets = "";
        if (socketDirectory.toString().length() <= MAX_SOCKET_DIRECTORY) {
            PrivateFiles.directory(socketDirectory);
            sockets = socketDirectory.toString();
        }
        return "# Written by jakamo-connector at every start.\n"
                + "listen_addresses = 'localhost'\n"
                + "unix_socket_directories = '" + sockets.replace("'", "''") + "'\n"
                + "unix_socket_permissions = 0700\n"
                + "password_encryption = 'scram-sha-256'\n";
    }

    private void includeHardeningConf() throws IOException {
        Path conf = dataDirectory.resolve("postgresql.conf");
        String include = "include '" + HARDENING_CONF + "'";
        List<String> lines = Files.readAllLines(conf, StandardCharsets.UTF_8);
        if (!lines.contains(include)) {
            List<String> updated = new ArrayList<>(lines);
            updated.add("# jakamo-connector: password authentication and a private socket (last, so it wins)");
            updated.add(include);
            PrivateFiles.writeAtomically(conf, (String.join("\n", updated) + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * Runs {@code postgres --single} (no listener: nobody can connect meanwhile) to give the superuser its password.
     * As root, the embedded library runs every server binary in a user namespace ({@code unshare -U}); so does this.
     */
    private void setSuperuserPasswordOffline(char[] password) throws IOException {
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(serverBinary().toString(), "--single", "-D", dataDirectory.toString(),
                "-c", "exit_on_error=on", "-c", "log_statement=none", "postgres"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(("ALTER ROLE postgres WITH PASSWORD '" + new String(password) + "';\n")
                    .getBytes(StandardCharsets.US_ASCII));
        }
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("setting the embedded PostgreSQL's superuser password in single-user mode took "
                        + "over 60 s; is another server running on " + dataDirectory + "?");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while securing the embedded PostgreSQL in " + dataDirectory, e);
        }
        if (process.exitValue() != 0) {
            throw new IOException("securing the embedded PostgreSQL in " + dataDirectory + " failed: single-user "
                    + "mode exited with " + process.exitValue() + " (is a server still running on it?)");
        }
    }

    /** The {@code postgres} binary the library unpacked: the newest of its {@code PG-*} directories. */
    private Path serverBinary() throws IOException {
        Path newest = null;
        FileTime newestTime = null;
        try (DirectoryStream<Path> unpacked = Files.newDirectoryStream(binaryDirectory, "PG-*")) {
            for (Path candidate : unpacked) {
                Path binary = candidate.resolve("bin").resolve("postgres");
                if (Files.isExecutable(binary)) {
                    FileTime time = Files.getLastModifiedTime(candidate);
                    if (newestTime == null || time.compareTo(newestTime) > 0) {
                        newest = binary;
                        newestTime = time;
                    }
                }
            }
        }
        if (newest == null) {
            throw new IOException("no PostgreSQL binaries found under " + binaryDirectory);
        }
        return newest;
    }
}
