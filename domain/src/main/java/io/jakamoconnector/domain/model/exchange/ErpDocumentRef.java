package io.jakamoconnector.domain.model.exchange;

import io.jakamoconnector.domain.model.Check;

/** How the ERP side names a document it handed over: for the folder adapter, the file's name in the drop folder. */
public record ErpDocumentRef(String value) {
    public ErpDocumentRef {
        Check.notBlank("erpDocument", value);
        Check.maxLength("erpDocument", value, 1024);
        Check.printable("erpDocument", value);
    }

    @Override
    public String toString() {
        return value;
    }
}
