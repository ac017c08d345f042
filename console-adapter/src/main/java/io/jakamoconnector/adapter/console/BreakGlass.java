package io.jakamoconnector.adapter.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Sign-in without the identity provider, for installations without SSO or when it is down: a random token, written at
 * start to a file only the service's user can read (0600), good for one sign-in as operator. Whoever can read the file
 * can already act as the service, so it grants nothing new; once used it is gone until the next start.
 */
final class BreakGlass {
    private final Path file;
    private volatile String token;

    private BreakGlass(Path file, String token) {
        this.file = file;
        this.token = token;
    }

    /** Writes a fresh token to {@code file}, replacing any old one. */
    static BreakGlass write(Path file) {
        String token = Sessions.random();
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, token + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the console's break-glass token to " + file
                    + ": check that the directory exists and the service's user may write there", e);
        }
        return new BreakGlass(file, token);
    }

    Path file() {
        return file;
    }

    /** True once for the right token: the token and its file are gone afterwards. */
    synchronized boolean redeem(String given) {
        String expected = token;
        if (expected == null || given == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                given.strip().getBytes(StandardCharsets.US_ASCII))) {
            return false;
        }
        token = null;
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the token is spent in memory either way; a left-over file holds a useless token
        }
        return true;
    }

    static Optional<BreakGlass> of(Optional<Path> file) {
        return file.map(BreakGlass::write);
    }
}
