package io.jakamoconnector.app.daemon;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.jakamoconnector.app.config.LogFormat;
import java.util.Map;
import org.slf4j.LoggerFactory;

/** The service's logging choices, made once the configuration is read. */
public final class ServiceLogging {
    /** Read by logback.xml; when set it wins over everything here. */
    public static final String LEVEL_ENV = "JAKAMO_CONNECTOR_LOG_LEVEL";

    private ServiceLogging() {
    }

    /**
     * Applies {@code logging.format} unless {@value LogFormat#ENV} chose already, and, unless {@value #LEVEL_ENV} is
     * set, logs the connector's own events from {@code defaultLevel} on (a service says what it does at INFO; a
     * one-shot command only warns).
     */
    public static void apply(Map<String, String> environment, LogFormat configured, Level defaultLevel) {
        String chosen = environment.get(LogFormat.ENV);
        if (chosen == null || chosen.isBlank()) {
            LogLineEncoder.use(configured);
        }
        String level = environment.get(LEVEL_ENV);
        if ((level == null || level.isBlank()) && LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger("io.jakamoconnector").setLevel(defaultLevel);
        }
    }
}
