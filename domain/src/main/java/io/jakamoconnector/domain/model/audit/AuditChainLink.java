package io.jakamoconnector.domain.model.audit;

import io.jakamoconnector.domain.model.Check;

/**
 * One stored link of the audit chain: the event at {@code seq}, with the previous hash and the hash as written.
 * Verification recomputes the hash from the event and compares; nothing here is trusted.
 */
public record AuditChainLink(long seq, AuditEvent event, byte[] prevHash, byte[] hash) {
    public AuditChainLink {
        Check.notNull("audit.event", event);
        Check.notNull("audit.prevHash", prevHash);
        Check.notNull("audit.hash", hash);
        prevHash = prevHash.clone();
        hash = hash.clone();
    }

    @Override
    public byte[] prevHash() {
        return prevHash.clone();
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }
}
