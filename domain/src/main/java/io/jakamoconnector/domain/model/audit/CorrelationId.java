package io.jakamoconnector.domain.model.audit;

import io.jakamoconnector.domain.model.Check;
import java.util.UUID;
import java.util.regex.Pattern;

/** Ties together the log lines, audit events and remote requests of one unit of work. */
public record CorrelationId(String value) {
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9._:-]{1,80}");

    public CorrelationId {
        Check.notNull("correlationId", value);
        Check.that(FORM.matcher(value).matches(), "correlationId", "must be 1 to 80 letters, digits or . _ : -");
    }

    public static CorrelationId random() {
        return new CorrelationId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
