package io.jakamoconnector.domain.port.in;

import io.jakamoconnector.domain.model.exchange.ArchivePruning;
import java.util.List;

/** Removes archived files older than each integration's retention; one audit event per run that removed anything. */
public interface PruneErpArchivesUseCase {
    List<ArchivePruning> prune(PruneErpArchivesCommand command);
}
