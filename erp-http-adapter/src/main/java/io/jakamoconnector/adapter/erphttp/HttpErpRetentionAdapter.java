package io.jakamoconnector.adapter.erphttp;

import io.jakamoconnector.domain.model.exchange.ArchiveFolderPruning;
import io.jakamoconnector.domain.model.exchange.ArchivePruning;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.ErpArchiveRetentionPort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Removes what only grows: documents archived in the spool ({@code outbox/archived}) and messages the ERP acknowledged
 * ({@code inbox-acked}), once older than retention allows. Never what waits (the spool's {@code received/}, the
 * inbox). The newest acknowledged message is always kept: its sequence number is where the next cursor continues, so
 * a cursor the ERP holds never comes round again.
 */
public final class HttpErpRetentionAdapter implements ErpArchiveRetentionPort {
    private final Spools spools;

    HttpErpRetentionAdapter(Spools spools) {
        this.spools = spools;
    }

    @Override
    public ArchivePruning prune(IntegrationName integration, Instant archivedBefore, boolean dryRun) {
        return new ArchivePruning(integration, archivedBefore, dryRun,
                List.of(spool(integration, archivedBefore, dryRun), inbox(integration, archivedBefore, dryRun)));
    }

    private ArchiveFolderPruning spool(IntegrationName integration, Instant before, boolean dryRun) {
        DocumentSpool spool = spools.spool(integration);
        long removed = 0;
        long bytes = 0;
        long kept = 0;
        Instant oldestKept = null;
        List<String> problems = new ArrayList<>();
        try {
            for (DocumentSpool.Spooled s : spool.archivedEntries()) {
                Instant at = s.archivedAt().orElse(s.receivedAt());
                if (at.isBefore(before)) {
                    bytes += dryRun ? Files.size(spool.archivedFile(s)) : spool.deleteArchived(s);
                    removed++;
                } else {
                    kept++;
                    oldestKept = oldestKept == null || at.isBefore(oldestKept) ? at : oldestKept;
                }
            }
            if (!dryRun && removed > 0) {
                spool.syncArchive();
            }
        } catch (IOException e) {
            problems.add("outbox/archived of " + integration + ": " + AccessFailures.of("prune", e).getMessage());
        }
        return new ArchiveFolderPruning("outbox/archived", removed, bytes, kept, Optional.ofNullable(oldestKept), 0,
                problems);
    }

    private ArchiveFolderPruning inbox(IntegrationName integration, Instant before, boolean dryRun) {
        MessageInbox inbox = spools.inbox(integration);
        long removed = 0;
        long bytes = 0;
        long kept = 0;
        Instant oldestKept = null;
        List<String> problems = new ArrayList<>();
        try {
            List<EntryFiles.Listed> acked = inbox.acknowledged();
            for (int i = 0; i < acked.size(); i++) {
                EntryFiles.Listed l = acked.get(i);
                Instant at = Files.getLastModifiedTime(l.file(), LinkOption.NOFOLLOW_LINKS).toInstant();
                boolean newest = i == acked.size() - 1;
                if (at.isBefore(before) && !newest) {
                    bytes += Files.size(l.file());
                    if (!dryRun) {
                        Files.deleteIfExists(l.file());
                    }
                    removed++;
                } else {
                    kept++;
                    oldestKept = oldestKept == null || at.isBefore(oldestKept) ? at : oldestKept;
                }
            }
            if (!dryRun && removed > 0) {
                DurableFiles.syncDirectory(inbox.acknowledgedDirectory());
            }
        } catch (IOException e) {
            problems.add("inbox-acked of " + integration + ": " + AccessFailures.of("prune", e).getMessage());
        }
        return new ArchiveFolderPruning("inbox-acked", removed, bytes, kept, Optional.ofNullable(oldestKept), 0,
                problems);
    }
}
