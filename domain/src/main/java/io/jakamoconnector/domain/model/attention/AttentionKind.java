package io.jakamoconnector.domain.model.attention;

import java.util.Locale;

/** What needs a person, each with what that person should do first. */
public enum AttentionKind {
    /** A document may or may not have reached Jakamo: someone must look and settle it. */
    IN_DOUBT("may have been sent to Jakamo"),
    /** A document could not be sent after every attempt. */
    DEAD("could not be sent after every attempt"),
    /** An inbound message could not be read and was set aside. */
    QUARANTINED("was quarantined"),
    /** A queue does not move. */
    QUEUE_BLOCKED("is blocked"),
    /** No access token can be had for an integration. */
    TOKEN_FAILING("cannot get an access token"),
    /** The audit trail does not verify. */
    AUDIT_BROKEN("does not verify");

    private final String summary;

    AttentionKind(String summary) {
        this.summary = summary;
    }

    /** A few words for a title, such as "may have been sent to Jakamo". */
    public String summary() {
        return summary;
    }

    /** The form used in messages and the audit trail, such as {@code in_doubt}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What to do, as commands that work when pasted. */
    public String advice(Attention attention) {
        String integration = attention.integration().map(Object::toString).orElse("");
        String subject = attention.subject();
        return switch (this) {
            case IN_DOUBT -> "check in Jakamo whether " + subject + " arrived; find its ID with: jakamo-connector "
                    + "messages list --integration " + integration + " --state in_doubt; then run: jakamo-connector "
                    + "messages resolve ID --sent (it arrived) or --not-sent (send it again) --reason \"...\"";
            case DEAD -> "check the connection to Jakamo (jakamo-connector doctor); find its ID with: jakamo-connector "
                    + "messages list --integration " + integration + " --state dead; then run: jakamo-connector "
                    + "messages retry ID --reason \"...\"";
            case QUARANTINED -> "look at it with: jakamo-connector messages list --integration " + integration
                    + " --state quarantined_acknowledged, and jakamo-connector messages show " + integration
                    + " KEY --raw; ask the sender to correct it";
            case QUEUE_BLOCKED -> "read the detail: a host to trust names the configuration key to add it to "
                    + "(after checking with Jakamo that it is theirs); else look at the oldest waiting entry with: "
                    + "jakamo-connector messages list --integration " + integration + "; and at the service's log";
            case TOKEN_FAILING -> "check the integration's credential with: jakamo-connector token --integration "
                    + integration + " (and jakamo-connector doctor)";
            case AUDIT_BROKEN -> "keep the database as evidence (back it up first), run: jakamo-connector audit "
                    + "verify, and tell your security team";
        };
    }
}
