package io.jakamoconnector.adapter.persistence;

import io.jakamoconnector.domain.port.out.PortFailureException;

/**
 * A backup, restore or move that was refused before it changed anything (or, for a load that failed, rolled back): the
 * message says why and what to do. Failures of the database itself are {@code StateStoreException}s.
 */
public final class DatabaseBackupException extends PortFailureException {
    private static final long serialVersionUID = 1L;

    /** Why it was refused, so the caller can choose an exit code. */
    public enum Reason {
        /** The backup file is not one, is cut short, or a part does not match its hash in the manifest. */
        CORRUPT,
        /** The backup was written by a newer connector (a schema this one does not know). */
        NEWER_SCHEMA,
        /** A connector is working on the target database. */
        IN_USE,
        /** The target database holds data that a restore or move would replace. */
        NOT_EMPTY,
        /** A file cannot be read or written (exists already, no permission, disk full). */
        FILE
    }

    private final Reason reason;

    public DatabaseBackupException(Reason reason, String message, Throwable cause) {
        super(message, false, null, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public String reasonCode() {
        return "DATABASE_BACKUP_" + reason.name();
    }
}
