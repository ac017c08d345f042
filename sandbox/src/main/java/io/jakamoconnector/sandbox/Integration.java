package io.jakamoconnector.sandbox;

import java.util.List;

/**
 * A snapshot of an integration on the fake Jakamo.
 *
 * @param basicAuthUser the basic-auth username, or null if none is set (the password is never shown)
 * @param mappedClientIds the OAuth2 applications mapped to it
 * @param queueSize messages waiting in its queue
 */
public record Integration(
        String name,
        IntegrationKind kind,
        String basicAuthUser,
        boolean basicAuthAllowed,
        List<String> mappedClientIds,
        int queueSize) {

    public Integration {
        mappedClientIds = List.copyOf(mappedClientIds);
    }
}
