package io.jakamoconnector.sandbox;

/**
 * Which verb {@code /api/order/{id}} and {@code /api/claim/{id}} accept: the 2018 text says PUT, Jakamo's code and
 * newer lists say POST (open question 1). A refused verb gets 405 with an {@code Allow} header.
 */
public enum ChangeVerb {
    /** PUT and POST both accepted. The default. */
    EITHER,
    PUT_ONLY,
    POST_ONLY
}
