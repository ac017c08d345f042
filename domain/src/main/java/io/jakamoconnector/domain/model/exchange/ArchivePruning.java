package io.jakamoconnector.domain.model.exchange;

import io.jakamoconnector.domain.model.Check;
import java.time.Instant;
import java.util.List;

/**
 * What a retention run did to one integration's archive folders: every file archived before {@code archivedBefore}
 * removed ({@code dryRun}: only counted).
 */
public record ArchivePruning(IntegrationName integration, Instant archivedBefore, boolean dryRun,
                             List<ArchiveFolderPruning> folders) {
    public ArchivePruning {
        Check.notNull("retention.integration", integration);
        Check.notNull("retention.archivedBefore", archivedBefore);
        folders = List.copyOf(folders);
    }

    public long removed() {
        return folders.stream().mapToLong(ArchiveFolderPruning::removed).sum();
    }

    public List<String> problems() {
        return folders.stream().flatMap(f -> f.problems().stream()).toList();
    }
}
