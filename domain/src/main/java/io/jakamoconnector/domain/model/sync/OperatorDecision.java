package io.jakamoconnector.domain.model.sync;

import io.jakamoconnector.domain.model.Check;

/** Who decided a correction and why: kept with the record and in its audit event. */
public record OperatorDecision(String operator, String reason) {
    public OperatorDecision {
        Check.notBlank("operator", operator);
        Check.notBlank("reason", reason);
        Check.that(reason.length() <= 1000, "reason", "must be at most 1000 characters");
    }
}
