package io.jakamoconnector.adapter.console;

import io.jakamoconnector.domain.model.audit.AuditVerification;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Optional;

/**
 * The whole audit trail as the audit page uses it: verified now, and exported as JSON lines with a signed checkpoint
 * (what {@code jakamo-connector audit verify|export} do). The app implements it over the persistence adapter.
 */
public interface AuditArchive {

    /** How many event lines an export wrote, or why it wrote nothing (the chain does not check out). */
    record Exported(long events, Optional<String> refused) {
    }

    AuditVerification verify();

    /** The events of {@code integration} (or all) from {@code from} (inclusive) until {@code until} (exclusive). */
    Exported export(Optional<IntegrationName> integration, Optional<Instant> from, Optional<Instant> until,
                    OutputStream out) throws IOException;
}
