package io.jakamoconnector.app.config;

import io.jakamoconnector.domain.plugin.ErpAdapterProvider;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * The ERP adapters on the class path, by type: each module lists its {@link ErpAdapterProvider} for
 * {@link ServiceLoader}, so adding an adapter adds a jar and names no class here.
 */
public final class ErpAdapters {
    private final Map<String, ErpAdapterProvider> byType;

    public ErpAdapters(List<ErpAdapterProvider> providers) {
        Map<String, ErpAdapterProvider> map = new TreeMap<>();
        for (ErpAdapterProvider provider : providers) {
            ErpAdapterProvider other = map.putIfAbsent(provider.type(), provider);
            if (other != null) {
                throw new IllegalStateException("two ERP adapters call themselves '" + provider.type() + "': "
                        + other.getClass().getName() + " and " + provider.getClass().getName()
                        + "; remove one of their jars from the class path");
            }
        }
        this.byType = new LinkedHashMap<>(map);
    }

    /** The adapters {@link ServiceLoader} finds beside the application. */
    public static ErpAdapters installed() {
        return new ErpAdapters(ServiceLoader.load(ErpAdapterProvider.class, ErpAdapters.class.getClassLoader())
                .stream().map(ServiceLoader.Provider::get).toList());
    }

    public Optional<ErpAdapterProvider> byType(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    /** The types installed, sorted: what {@code erp.type} may say. */
    public Set<String> types() {
        return byType.keySet();
    }

    /** The one a configuration without {@code erp} gets, as the connector always had: the drop folders. */
    static final String DEFAULT_TYPE = "folders";
}
