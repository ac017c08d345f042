package io.jakamoconnector.app.config;

import io.jakamoconnector.domain.plugin.ConfigSection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A key that says where a secret is kept ({@code { file: ... }}, {@code { credential: ... }} or {@code { env: ... }}),
 * read the same way in every section; a secret written into the file itself is refused without being repeated.
 */
final class SecretReferenceReader {
    private SecretReferenceReader() {
    }

    /** The reference under {@code key}; empty when there is none or it is refused (then with the problem). */
    static Optional<SecretReference> read(ConfigSection parent, String key) {
        return parent.section(key).map(node -> reference(parent, key, node));
    }

    private static SecretReference reference(ConfigSection parent, String key, ConfigSection node) {
        String at = node.path();
        if (parent.writtenText(key).isPresent()) {
            node.problem(at + ": secrets are never written in the configuration; use { file: /path }, "
                    + "{ credential: name } (systemd LoadCredential=) or { env: VARIABLE }");
            return null;
        }
        node.knownKeys(Set.of("file", "credential", "env"));
        List<SecretReference> refs = new ArrayList<>();
        node.text("file").ifPresent(f -> refs.add(
                new SecretReference(SecretReference.Kind.FILE, node.file(f).toString())));
        node.text("credential").ifPresent(c -> refs.add(new SecretReference(SecretReference.Kind.CREDENTIAL, c)));
        node.text("env").ifPresent(e -> refs.add(new SecretReference(SecretReference.Kind.ENV, e)));
        if (refs.size() != 1) {
            node.problem(at + ": must name exactly one of file, credential or env, e.g. "
                    + "{ file: /etc/jakamo-connector/secret }");
            return null;
        }
        return refs.get(0);
    }
}
