package io.jakamoconnector.domain.model.sync;

import io.jakamoconnector.domain.model.Check;
import java.util.regex.Pattern;

/** Identifies one inbound queue message across redeliveries; see {@code InboundMessage#dedupKey}. */
public record DedupKey(String value) {
    private static final Pattern FORM = Pattern.compile("[0-9a-f]{64}");

    public DedupKey {
        Check.notNull("dedupKey", value);
        Check.that(FORM.matcher(value).matches(), "dedupKey", "must be 64 lower-case hex characters");
    }

    /** The first 12 characters: unique enough for a file name suffix, short enough to read. */
    public String shortForm() {
        return value.substring(0, 12);
    }

    @Override
    public String toString() {
        return value;
    }
}
