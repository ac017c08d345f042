package io.jakamoconnector.adapter.auth;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/** Reads secret files after checking who else may read them. */
final class SecretFileReader {
    static final Set<PosixFilePermission> STRICT = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);
    static final Set<PosixFilePermission> NOT_BY_OTHERS = EnumSet.of(
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    private SecretFileReader() {
    }

    static SecretValue readOwnerOnly(Path path, String what, Set<PosixFilePermission> refused) {
        try {
            if (!Files.isRegularFile(path)) {
                if (!Files.exists(path)) {
                    throw new NoSuchFileException(path.toString());
                }
                throw new UnreadableSecretException(what + ": not a regular file");
            }
            checkPermissions(path, what, refused);
            try (InputStream in = Files.newInputStream(path)) {
                byte[] bytes = in.readNBytes(SecretReference.MAX_BYTES + 1);
                if (bytes.length > SecretReference.MAX_BYTES) {
                    Arrays.fill(bytes, (byte) 0);
                    throw new UnreadableSecretException(what + ": larger than " + SecretReference.MAX_BYTES + " bytes; not a secret file");
                }
                return new SecretValue(bytes);
            }
        } catch (NoSuchFileException e) {
            throw new UnreadableSecretException(what + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new UnreadableSecretException(what + ": permission denied; the file must belong to the user the"
                    + " connector runs as (" + System.getProperty("user.name") + ") with mode 600", e);
        } catch (IOException e) {
            throw new UnreadableSecretException(what + ": cannot be read (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static void checkPermissions(Path path, String what, Set<PosixFilePermission> refused) throws IOException {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(path);
        } catch (UnsupportedOperationException notPosix) {
            return; // no POSIX modes on this file system (Windows): its ACLs are the operator's business
        }
        Set<PosixFilePermission> loose = EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission p : permissions) {
            if (refused.contains(p)) {
                loose.add(p);
            }
        }
        if (!loose.isEmpty()) {
            throw new UnreadableSecretException(what + ": refused because its mode "
                    + PosixFilePermissions.toString(permissions)
                    + " lets " + who(loose) + " read or change it; run chmod 600 " + path
                    + " (and check who may have copied it)");
        }
    }

    private static String who(Set<PosixFilePermission> loose) {
        boolean group = loose.contains(PosixFilePermission.GROUP_READ) || loose.contains(PosixFilePermission.GROUP_WRITE);
        boolean others = loose.contains(PosixFilePermission.OTHERS_READ) || loose.contains(PosixFilePermission.OTHERS_WRITE);
        return group && others ? "its group and every user" : group ? "its group" : "every user";
    }
}
