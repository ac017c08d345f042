package io.jakamoconnector.domain.model.document;

import io.jakamoconnector.domain.model.Check;

/** The number a business person knows a document by: the buyer's order number, or a claim's number. */
public record BusinessKey(String value) {
    public BusinessKey {
        Check.notBlank("businessKey", value);
        Check.maxLength("businessKey", value, 200);
        Check.printable("businessKey", value);
    }

    @Override
    public String toString() {
        return value;
    }
}
