package io.jakamoconnector.domain.model.auth;

import java.util.Locale;
import java.util.Optional;

/** The console's app roles, as assigned in Entra ID: a viewer reads, an operator also corrects. */
public enum OperatorRole {
    VIEWER, OPERATOR;

    /** The role's value in the {@code roles} claim ({@code viewer}, {@code operator}). */
    public String claimValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<OperatorRole> fromClaim(String value) {
        for (OperatorRole role : values()) {
            if (role.claimValue().equals(value)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
