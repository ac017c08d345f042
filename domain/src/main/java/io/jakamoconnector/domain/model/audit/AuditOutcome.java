package io.jakamoconnector.domain.model.audit;

import java.util.Locale;

/** How it went. */
public enum AuditOutcome {
    OK, FAIL, DENIED, RETRY, IN_DOUBT, DUPLICATE_SKIPPED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
