package io.jakamoconnector.app.config;

import io.jakamoconnector.domain.model.auth.Environment;
import java.nio.file.Path;

/** The local simulator's environment and the certificate to trust for it alone. */
public record SandboxConfig(Environment environment, Path caCertificate) {
}
