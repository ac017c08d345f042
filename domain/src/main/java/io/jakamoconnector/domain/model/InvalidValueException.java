package io.jakamoconnector.domain.model;

/**
 * A value broke one of its rules at the edge of the system. The message names the field and the rule, so whoever
 * typed the value knows what to fix; it never carries the value itself, which may be a secret.
 */
public final class InvalidValueException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String field;
    private final String rule;

    public InvalidValueException(String field, String rule) {
        super(field + ": " + rule);
        this.field = field;
        this.rule = rule;
    }

    public String field() {
        return field;
    }

    public String rule() {
        return rule;
    }
}
