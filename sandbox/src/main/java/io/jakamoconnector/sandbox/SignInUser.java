package io.jakamoconnector.sandbox;

import java.util.List;

/**
 * A person of the fake tenant who can sign in on the authorize page; {@code roles} are the app roles assigned to them
 * (for the console: {@code viewer}, {@code operator}) and land in the {@code roles} claim of their ID tokens.
 */
public record SignInUser(String objectId, String userName, String displayName, List<String> roles) {
    public SignInUser {
        roles = List.copyOf(roles);
    }
}
