package io.jakamoconnector.domain.plugin;

/**
 * An integration's ERP-side settings as its adapter read them: the adapter's own record, handed back to it in
 * {@link ErpAdapterProvider#open}. Holds no secret in a form that could be printed: a key is kept as its hash.
 */
public interface ErpSettings {

    /**
     * One line for people, shown by {@code doctor}, the console's configuration page and the start-up log: where the
     * ERP side is, e.g. {@code folders under /srv/erp/orders} or {@code HTTP on 127.0.0.1:8470, 2 API keys}. Never a
     * secret.
     */
    String describe();
}
