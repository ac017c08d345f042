package io.jakamoconnector.domain.model.audit;

import java.util.Locale;

/** What happened. The names are stable: SIEM rules match on them. */
public enum AuditAction {
    TOKEN_ACQUIRED, TOKEN_FAILED,
    MESSAGE_RECEIVED, MESSAGE_SAVED, MESSAGE_DELIVERED, MESSAGE_DUPLICATE, MESSAGE_ACKNOWLEDGED, MESSAGE_QUARANTINED,
    DOCUMENT_PICKED_UP, DOCUMENT_CLAIMED, DOCUMENT_SENT, DOCUMENT_DEFERRED, DOCUMENT_IN_DOUBT, DOCUMENT_FAILED,
    DOCUMENT_ARCHIVED,
    INPUT_REJECTED, CONFIGURATION_LOADED, OPERATOR_ACTION, SERVICE_STARTED, SERVICE_STOPPED, LEASE_ACQUIRED,
    LEASE_LOST,
    /** A credential tried once to learn whether Jakamo still accepts it (doctor's basic-authentication probe). */
    CREDENTIAL_PROBED,
    /** A notification went to a channel (named, never its address); these never raise a notification themselves. */
    NOTIFICATION_SENT, NOTIFICATION_FAILED,
    /** An operator put a failed or dead document back to the senders (actor: the operator; reason: why). */
    DOCUMENT_RETRIED,
    /** An operator settled a document in doubt as sent or not sent (actor: the operator; reason: why). */
    DOCUMENT_RESOLVED,
    /** An operator delivered a quarantined message's kept bytes to the ERP (actor: the operator; reason: why). */
    MESSAGE_REDELIVERED,
    /** An operator decided a failed, dead or in-doubt document will never be sent (actor: the operator; reason: why). */
    DOCUMENT_DISCARDED,
    /** A queue stopped at its head until a person acts (a callback to an untrusted host; reason: host and key). */
    QUEUE_BLOCKED,
    /** An operator set a quarantined message aside for good (actor: the operator; reason: why). */
    MESSAGE_DISCARDED,
    /**
     * The connector's own checkpoint found the audit trail is not what was written and refused to sign it (reason:
     * from which event and why). Written once per finding, so that the people told about it are told.
     */
    AUDIT_CHAIN_BROKEN,
    /**
     * Someone signed in to the operator console (actor: who, {@code operator:break-glass (oid break-glass)} for the
     * one-time token; reason: how and from which address).
     */
    CONSOLE_SIGNED_IN,
    /** A sign-in to the operator console was refused (a wrong or spent break-glass token, no console role; reason: why and from where). */
    CONSOLE_SIGN_IN_REFUSED,
    /** An operator wrote a backup of the database (reason: the file, the tables' row counts, the chain's head). */
    DATABASE_BACKED_UP,
    /**
     * An operator restored the database from a backup (reason: the file, its chain head, where the old anchor file
     * went); the first event of the restored chain's continuation.
     */
    DATABASE_RESTORED,
    /** An operator copied the database to another server (reason: the target without password, counts, head). */
    DATABASE_MOVED,
    /**
     * Retention removed old files from the ERP archive folders (reason: per integration and folder, the files removed,
     * kept and the oldest kept; outcome fail when a folder or file could not be handled).
     */
    ARCHIVES_PRUNED,
    /**
     * Audit events older than a date were removed, covered by an export (reason: which events, the export and its
     * signed head; actor: the operator).
     */
    AUDIT_PRUNED,
    /**
     * An ERP called an ERP-side API of the connector and was answered (actor: {@code erp-key:<key id>}, never the key;
     * reason: method, path, status and the document or message it concerned).
     */
    ERP_CALL_SERVED,
    /** A call to an ERP-side API was refused before it was served: no, an unknown or a revoked key (reason: from where). */
    ERP_CALL_REFUSED,
    /** An ERP side pushed a message to the ERP (a webhook) and the ERP took it (reason: the message and the target host). */
    MESSAGE_PUSHED,
    /** A push to the ERP failed and will be tried again (reason: the message, the host, what the ERP answered). */
    MESSAGE_PUSH_FAILED;

    /** The form written to the trail and exports, such as {@code token_acquired}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
