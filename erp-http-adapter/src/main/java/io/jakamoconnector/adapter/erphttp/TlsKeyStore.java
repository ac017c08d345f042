package io.jakamoconnector.adapter.erphttp;

import java.nio.file.Path;

/** The listener's key store with its password, read from where the configuration says when the side starts. */
record TlsKeyStore(Path path, String password) {
    @Override
    public String toString() {
        return "TlsKeyStore[" + path + "]";
    }
}
