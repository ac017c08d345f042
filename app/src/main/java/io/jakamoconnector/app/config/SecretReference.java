package io.jakamoconnector.app.config;

import java.util.Locale;

/** Where a secret is kept: a file, a systemd credential or an environment variable. Never the secret itself. */
public record SecretReference(Kind kind, String name) {

    public enum Kind { FILE, CREDENTIAL, ENV }

    /** How the configuration file writes it, e.g. {@code { file: /etc/jakamo-connector/orders.secret }}. */
    @Override
    public String toString() {
        return "{ " + kind.name().toLowerCase(Locale.ROOT) + ": " + name + " }";
    }
}
