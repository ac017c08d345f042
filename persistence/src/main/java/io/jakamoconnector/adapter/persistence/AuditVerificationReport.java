package io.jakamoconnector.adapter.persistence;

import io.jakamoconnector.domain.model.audit.AuditVerification;
import java.util.List;
import java.util.Objects;

/**
 * A verification's result and what a person should look at even when it is intact (an anchor file that is missing,
 * a line in it that is not a checkpoint).
 */
public record AuditVerificationReport(AuditVerification result, List<String> warnings) {
    public AuditVerificationReport {
        Objects.requireNonNull(result, "result");
        warnings = List.copyOf(warnings);
    }
}
