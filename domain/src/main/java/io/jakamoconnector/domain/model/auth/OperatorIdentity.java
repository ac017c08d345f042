package io.jakamoconnector.domain.model.auth;

import io.jakamoconnector.domain.model.Check;
import io.jakamoconnector.domain.model.sync.OperatorDecision;
import java.util.EnumSet;
import java.util.Set;

/**
 * A person signed in to the console: the directory's object id (stable, unlike the user name), the user name they
 * signed in with, and their app roles. Their corrections are audited as {@link #actor()}, which carries both, so a
 * renamed account is still traceable.
 */
public record OperatorIdentity(String objectId, String userName, Set<OperatorRole> roles) {
    public OperatorIdentity {
        Check.notBlank("objectId", objectId);
        Check.notBlank("userName", userName);
        Check.notNull("roles", roles);
        Check.that(objectId.length() <= 100 && objectId.matches("[\\w.@:-]+"), "objectId",
                "must be a directory object id (letters, digits, - . @ :, at most 100)");
        Check.that(userName.length() <= 256 && userName.chars().noneMatch(Character::isISOControl), "userName",
                "must be at most 256 characters without control characters");
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    public boolean may(OperatorRole role) {
        return roles.contains(role) || (role == OperatorRole.VIEWER && roles.contains(OperatorRole.OPERATOR));
    }

    /** The audit trail's actor: {@code operator:<user name> (oid <object id>)}. */
    public String actor() {
        return "operator:" + userName + " (oid " + objectId + ")";
    }

    /** This person's decision, for a correction's command. */
    public OperatorDecision decide(String reason) {
        return new OperatorDecision(actor(), reason);
    }
}
