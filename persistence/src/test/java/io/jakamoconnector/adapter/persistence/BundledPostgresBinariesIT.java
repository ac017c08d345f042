package io.jakamoconnector.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The connector's own lookup of the PostgreSQL bundle picks the very bundle the embedded library's default resolver
 * picks on this machine (which runs its distribution script and class path search), byte for byte.
 */
class BundledPostgresBinariesIT {

    @Test
    void picksTheBundleTheLibrarysResolverPicks() throws Exception {
        String ours;
        try (InputStream bundle = BundledPostgresBinaries.INSTANCE.getPgBinary("Linux", "x86_64")) {
            ours = md5(bundle);
        }
        String library;
        try (InputStream bundle = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux", "x86_64")) {
            library = md5(bundle);
        }
        assertThat(ours).isEqualTo(library);
        assertThat(BundledPostgresBinaries.class.getResource("/" + BundledPostgresBinaries.bundleName("Linux",
                "x86_64"))).as("found by name, not by the library's fallback").isNotNull();
    }

    private static String md5(InputStream in) throws IOException, NoSuchAlgorithmException {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        byte[] buffer = new byte[1 << 16];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            md5.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(md5.digest());
    }
}
