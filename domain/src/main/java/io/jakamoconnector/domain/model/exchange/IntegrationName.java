package io.jakamoconnector.domain.model.exchange;

import io.jakamoconnector.domain.model.Check;
import java.util.regex.Pattern;

/**
 * The name of one integration (one Jakamo queue, one app registration, one folder tree). It appears in file paths,
 * metrics and the audit trail, so it is restricted to a safe form.
 */
public record IntegrationName(String value) {
    private static final Pattern FORM = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public IntegrationName {
        Check.notBlank("integration.name", value);
        Check.that(FORM.matcher(value).matches(), "integration.name",
                "must be 1 to 63 lower-case letters, digits or '-', starting with a letter or digit (e.g. orders)");
    }

    @Override
    public String toString() {
        return value;
    }
}
