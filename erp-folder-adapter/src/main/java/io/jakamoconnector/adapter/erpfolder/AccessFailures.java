package io.jakamoconnector.adapter.erpfolder;

import io.jakamoconnector.domain.port.out.ErpAccessException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * Turns an {@link IOException} into an {@link ErpAccessException} that names the folder and says what to do. A
 * missing or refused folder is a setup problem (not retryable: the same attempt fails until a person acts);
 * anything else (a full disk, an I/O error, a share gone for a moment) may pass, so it is retryable.
 */
final class AccessFailures {
    private AccessFailures() {
    }

    static ErpAccessException of(String doing, Path path, IOException e) {
        String user = System.getProperty("user.name", "the connector's user");
        if (e instanceof AccessDeniedException) {
            return new ErpAccessException("cannot " + doing + " " + path + ": permission denied. Give the user '"
                    + user + "' write access to the folder (for example: chgrp <erp-group> <folder> && chmod 2775 "
                    + "<folder>), then run jakamo-connector doctor", false, e);
        }
        if (e instanceof NoSuchFileException) {
            return new ErpAccessException("cannot " + doing + " " + path + ": a folder on the way does not exist. "
                    + "Check the configured ERP folders (is a network share not mounted?); the connector creates "
                    + "missing folders when it starts", false, e);
        }
        if (e instanceof NotDirectoryException || e instanceof FileAlreadyExistsException
                || (e instanceof FileSystemException fse && fse.getReason() != null
                && fse.getReason().toLowerCase(java.util.Locale.ROOT).contains("not a directory"))) {
            return new ErpAccessException("cannot " + doing + " " + path + ": a file stands where a folder should "
                    + "be. Move that file away or configure another folder", false, e);
        }
        return new ErpAccessException("cannot " + doing + " " + path + ": " + e + ". If the disk is full, free "
                + "space; then run jakamo-connector doctor", true, e);
    }

    static ErpAccessException notAFolder(String doing, Path path) {
        return new ErpAccessException("cannot " + doing + " " + path + ": it is not a folder (missing, or a file). "
                + "Check the configured ERP folders (is a network share not mounted?); the connector creates missing "
                + "folders when it starts", false, null);
    }
}
