package io.jakamoconnector.domain.model.auth;

import io.jakamoconnector.domain.model.Check;

/** The client-credentials scope: always a resource followed by {@code /.default}. */
public record Scope(String value) {
    public Scope {
        Check.notBlank("scope", value);
        Check.printable("scope", value);
        Check.that(value.endsWith("/.default"), "scope", "must end with /.default");
        Check.that(value.length() > "/.default".length(), "scope", "must name a resource before /.default");
    }

    /** The audience a token for this scope carries: the scope without {@code /.default}. */
    public String resource() {
        return value.substring(0, value.length() - "/.default".length());
    }

    @Override
    public String toString() {
        return value;
    }
}
