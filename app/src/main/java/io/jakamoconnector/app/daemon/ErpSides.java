package io.jakamoconnector.app.daemon;

import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.plugin.ErpSide;
import io.jakamoconnector.domain.port.out.ErpAccessException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ERP sides this process opened, one per adapter type in use, and which one serves each integration. Started
 * together (in the configuration's order of types) and stopped in reverse.
 */
public final class ErpSides {
    private static final Logger LOG = LoggerFactory.getLogger(ErpSides.class);

    private final Map<String, ErpSide> byType;
    private final Map<IntegrationName, ErpSide> byIntegration;
    private final Map<IntegrationName, String> typeOf;
    private final List<ErpSide> started = new ArrayList<>();

    /**
     * @param byType   the side of each type, in the order they start
     * @param typeOf   each integration's type, which must be one of {@code byType}'s
     */
    public ErpSides(Map<String, ErpSide> byType, Map<IntegrationName, String> typeOf) {
        this.byType = new LinkedHashMap<>(byType);
        this.typeOf = new LinkedHashMap<>(typeOf);
        this.byIntegration = new LinkedHashMap<>();
        typeOf.forEach((integration, type) -> {
            ErpSide side = byType.get(type);
            if (side == null) {
                throw new IllegalArgumentException("integration " + integration + " chose ERP type " + type
                        + ", which was not opened");
            }
            byIntegration.put(integration, side);
        });
    }

    /** The side serving {@code integration}; one that has none is refused, naming it. */
    public ErpSide of(IntegrationName integration) {
        ErpSide side = byIntegration.get(integration);
        if (side == null) {
            throw new ErpAccessException("integration " + integration + " has no ERP side in this process (configured: "
                    + byIntegration.keySet() + "); add it to integrations in the configuration", false, null);
        }
        return side;
    }

    /** The type ({@code erp.type}) of {@code integration}'s side. */
    public String typeOf(IntegrationName integration) {
        of(integration);
        return typeOf.get(integration);
    }

    public List<IntegrationName> integrations() {
        return List.copyOf(byIntegration.keySet());
    }

    /** Starts every side; when one fails, the ones started are stopped again and the failure is thrown. */
    public synchronized void start() {
        for (Map.Entry<String, ErpSide> e : byType.entrySet()) {
            if (started.contains(e.getValue())) {
                continue;
            }
            try {
                e.getValue().start();
            } catch (RuntimeException failure) {
                stop();
                throw failure;
            }
            started.add(e.getValue());
            LOG.info("ERP side '{}' started", e.getKey());
        }
    }

    /** Stops the started sides in reverse; a side that fails to stop does not keep the others running. */
    public synchronized void stop() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).stop();
            } catch (RuntimeException e) {
                LOG.warn("an ERP side did not stop cleanly: {}", e.toString());
            }
        }
        started.clear();
    }
}
