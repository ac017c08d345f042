package io.jakamoconnector.domain.model.auth;

/** Where an integration lives: Jakamo's demo or production service, or a local sandbox. */
public enum EnvironmentKind {
    DEMO, PRODUCTION, SANDBOX
}
