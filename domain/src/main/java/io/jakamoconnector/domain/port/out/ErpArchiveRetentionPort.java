package io.jakamoconnector.domain.port.out;

import io.jakamoconnector.domain.model.exchange.ArchivePruning;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import java.time.Instant;

/**
 * Removes old files from an integration's archive folders, the ones that only grow: {@code processed/} (files sent)
 * and {@code from_jakamo/} (files delivered to the ERP and left there). Never {@code failed/} (a person must look at
 * each file there) nor {@code to_jakamo/}. Problems with a folder or a file are reported in the result, not thrown.
 */
public interface ErpArchiveRetentionPort {

    /** Removes (with {@code dryRun}: counts) the files of {@code integration} archived before {@code archivedBefore}. */
    ArchivePruning prune(IntegrationName integration, Instant archivedBefore, boolean dryRun);
}
