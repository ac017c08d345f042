package io.jakamoconnector.domain.model.validation;

/** How sure the connector is that Jakamo would refuse a document with this problem. */
public enum Severity {
    /** Jakamo certainly refuses it (its documentation or UBL 2.1, which its documents follow, requires it). */
    ERROR,
    /** Jakamo's documentation is silent: the document may be accepted, but the supplier may not be able to use it. */
    WARNING
}
