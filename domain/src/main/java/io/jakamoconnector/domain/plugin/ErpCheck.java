package io.jakamoconnector.domain.plugin;

import io.jakamoconnector.domain.model.Check;

/**
 * One finding of an ERP side about itself, for {@code doctor} and the health endpoint.
 *
 * @param name   what was checked, short: {@code folders orders}, {@code http listener 127.0.0.1:8470}
 * @param status whether it is fine
 * @param detail what was found and, unless {@link Status#OK}, what to do about it; never a secret
 */
public record ErpCheck(String name, Status status, String detail) {

    /** OK: ready; WARN: works, but a person should look; FAIL: the integration cannot work until someone acts. */
    public enum Status { OK, WARN, FAIL }

    public ErpCheck {
        Check.notBlank("check.name", name);
        Check.notNull("check.status", status);
        Check.notNull("check.detail", detail);
    }

    public static ErpCheck ok(String name, String detail) {
        return new ErpCheck(name, Status.OK, detail);
    }

    public static ErpCheck warn(String name, String detail) {
        return new ErpCheck(name, Status.WARN, detail);
    }

    public static ErpCheck fail(String name, String detail) {
        return new ErpCheck(name, Status.FAIL, detail);
    }
}
