/**
 * The ERP side as plug-ins. An ERP adapter is a module that brings an {@link io.jakamoconnector.domain.plugin.ErpAdapterProvider},
 * registered for {@link java.util.ServiceLoader} in {@code META-INF/services}; an integration chooses it by
 * {@code integrations[x].erp.type}. The provider reads and validates its own configuration section
 * ({@link io.jakamoconnector.domain.plugin.ConfigSection}), opens an {@link io.jakamoconnector.domain.plugin.ErpSide}
 * (the ERP ports, its start and stop, its doctor checks and health) over an
 * {@link io.jakamoconnector.domain.plugin.ErpContext} the application gives it. The application knows no adapter by
 * name: adding one adds a module and a dependency, nothing else. {@code docs/extending.md} is the guide.
 * <p>
 * Pure Java like the rest of the domain: a plug-in's own libraries stay in its module.
 */
package io.jakamoconnector.domain.plugin;
