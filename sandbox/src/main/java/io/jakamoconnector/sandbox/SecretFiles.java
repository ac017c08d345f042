package io.jakamoconnector.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Files that hold a secret are created owner-only before a byte is written, so no reader can race the chmod. */
final class SecretFiles {
    private SecretFiles() {
    }

    static void createOwnerOnly(Path file) throws IOException {
        Files.deleteIfExists(file);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
    }

    static Path write(Path file, String secret) throws IOException {
        createOwnerOnly(file);
        Files.writeString(file, secret, StandardCharsets.UTF_8); // no newline: a reader that does not trim still gets the exact secret
        return file;
    }
}
