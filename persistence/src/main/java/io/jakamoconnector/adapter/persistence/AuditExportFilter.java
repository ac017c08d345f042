package io.jakamoconnector.adapter.persistence;

import io.jakamoconnector.domain.model.exchange.IntegrationName;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Which events an export writes: {@code since} inclusive, {@code until} exclusive, one integration or all. */
public record AuditExportFilter(Optional<Instant> since, Optional<Instant> until,
                                Optional<IntegrationName> integration) {
    public AuditExportFilter {
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(integration, "integration");
        if (since.isPresent() && until.isPresent() && !since.get().isBefore(until.get())) {
            throw new IllegalArgumentException("until: must be after since");
        }
    }

    public static AuditExportFilter everything() {
        return new AuditExportFilter(Optional.empty(), Optional.empty(), Optional.empty());
    }
}
