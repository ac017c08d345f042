package io.jakamoconnector.app.config;

import io.jakamoconnector.domain.plugin.ConfigSection;
import io.jakamoconnector.domain.model.validation.ValidationMode;

/** {@code integrations[x].validation}: what pre-flight validation does with a document's problems. */
final class ValidationReader {
    private ValidationReader() {
    }

    static ValidationMode read(ConfigSection integration) {
        String at = integration.pathOf("validation");
        // YAML 1.1 reads a bare "off" as the boolean false: that is what was written
        return integration.text("validation")
                .map(v -> integration.isBoolean("validation") && v.equals("false") ? "off" : v)
                .map(v -> integration.value(at, () -> ValidationMode.fromConfig(at, v)))
                .orElse(ValidationMode.defaultMode());
    }
}
