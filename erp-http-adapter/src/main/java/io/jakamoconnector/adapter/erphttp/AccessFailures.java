package io.jakamoconnector.adapter.erphttp;

import io.jakamoconnector.domain.port.out.ErpAccessException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;

/** Turns an {@link IOException} of the spool into the port's failure, saying what to fix. */
final class AccessFailures {
    private AccessFailures() {
    }

    static ErpAccessException of(String what, IOException e) {
        if (e instanceof AccessDeniedException) {
            return new ErpAccessException("cannot " + what + ": permission denied on " + e.getMessage()
                    + "; the service's user must own the connector's data directory", false, e);
        }
        String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.toString();
        return new ErpAccessException("cannot " + what + " (" + reason + "); check the disk holding the "
                + "connector's data directory (full, read-only?)", true, e);
    }
}
