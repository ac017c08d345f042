package io.jakamoconnector.domain.port.in;

import io.jakamoconnector.domain.model.Check;

/**
 * One sign-in to the console.
 *
 * @param actor    who, as the audit trail names them ({@code operator:<user name> (oid <object id>)}), or
 *                 {@code unknown} when the attempt was refused before anyone was known
 * @param method   how: {@code break-glass} or {@code entra}
 * @param address  the address the request came from (the reverse proxy's, when there is one)
 * @param refusal  why it was refused, or null when the person is signed in; never the token or a credential
 */
public record RecordConsoleSignInCommand(String actor, String method, String address, String refusal) {
    public RecordConsoleSignInCommand {
        Check.notBlank("actor", actor);
        Check.that(method != null && method.matches("[a-z-]{1,20}"), "method", "must be a short name such as entra");
        Check.notBlank("address", address);
        Check.that(address.length() <= 100 && address.chars().noneMatch(Character::isISOControl), "address",
                "must be a network address");
        Check.that(refusal == null || (!refusal.isBlank() && refusal.length() <= 300), "refusal",
                "must be a short text or absent");
    }

    public boolean signedIn() {
        return refusal == null;
    }
}
