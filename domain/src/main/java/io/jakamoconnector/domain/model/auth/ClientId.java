package io.jakamoconnector.domain.model.auth;

import io.jakamoconnector.domain.model.Check;
import java.util.regex.Pattern;

/** The application (client) id of one OAuth2 application registered in Jakamo; always a GUID. */
public record ClientId(String value) {
    static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    public ClientId {
        Check.notBlank("clientId", value);
        Check.that(GUID.matcher(value).matches(), "clientId",
                "must be the application (client) id GUID shown by Jakamo, such as 3f0c2a9e-1b2c-4d5e-8f90-0123456789ab");
    }

    @Override
    public String toString() {
        return value;
    }
}
