package io.jakamoconnector.domain.model.attention;

import io.jakamoconnector.domain.model.Check;
import java.util.regex.Pattern;

/**
 * The name of a notification channel, as configured ({@code ops-mail}). It is what the audit trail and the logs say
 * about a channel: never its URL, addresses or password.
 */
public record ChannelName(String value) {
    private static final Pattern FORM = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public ChannelName {
        Check.notBlank("channel.name", value);
        Check.that(FORM.matcher(value).matches(), "channel.name",
                "must be 1 to 63 lower-case letters, digits or '-', starting with a letter or digit (e.g. ops-mail)");
    }

    @Override
    public String toString() {
        return value;
    }
}
