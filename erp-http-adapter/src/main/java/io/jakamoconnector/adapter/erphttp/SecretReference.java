package io.jakamoconnector.adapter.erphttp;

import io.jakamoconnector.domain.model.Check;
import io.jakamoconnector.domain.port.out.ErpAccessException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a secret of this adapter is kept, as the configuration names it: {@code { env: VARIABLE }} or
 * {@code { file: /path }}; read when the side starts, never written in the configuration. Printing it names the place,
 * not the secret.
 */
record SecretReference(Kind kind, String name) {
    enum Kind { ENV, FILE }

    SecretReference {
        Check.notNull("secret.kind", kind);
        Check.notBlank("secret.name", name);
    }

    /** The secret's text (a file's trailing line break dropped); what to fix when it is missing. */
    String resolve(Map<String, String> environment) {
        if (kind == Kind.ENV) {
            String value = environment.get(name);
            if (value == null || value.isEmpty()) {
                throw new ErpAccessException("the environment variable " + name + " is not set; set it in the "
                        + "service's environment (systemd: Environment= or EnvironmentFile=)", false, null);
            }
            return value;
        }
        try {
            String text = Files.readString(Path.of(name), StandardCharsets.UTF_8);
            return text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
                    : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        } catch (IOException e) {
            throw new ErpAccessException("cannot read the secret file " + name + " (" + e.getClass().getSimpleName()
                    + "); make it readable by the service's user", false, e);
        }
    }

    @Override
    public String toString() {
        return kind == Kind.ENV ? "{ env: " + name + " }" : "{ file: " + name + " }";
    }
}
