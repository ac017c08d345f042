package io.jakamoconnector.adapter.erphttp;

import io.jakamoconnector.domain.model.Check;
import java.nio.file.Path;

/** The listener's certificate and key: a PKCS#12 key store and where its password is kept. */
record TlsSettings(Path keyStore, SecretReference keyStorePassword) {
    TlsSettings {
        Check.notNull("tls.keyStore", keyStore);
        Check.notNull("tls.keyStorePassword", keyStorePassword);
    }
}
