package io.jakamoconnector.sandbox;

import java.util.List;

/**
 * A running sandbox with the two standard apps and the files written for the connector: what
 * {@link Sandbox#startStandalone} returns. Closing it stops the sandbox; the files stay.
 *
 * @param apps the orders app (integration {@code orders}) and the claims app (integration {@code claims}), secrets shown
 */
public record StandaloneSandbox(Sandbox sandbox, ConnectorConfigFiles files, List<AppRegistration> apps) implements AutoCloseable {

    public StandaloneSandbox {
        apps = List.copyOf(apps);
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
