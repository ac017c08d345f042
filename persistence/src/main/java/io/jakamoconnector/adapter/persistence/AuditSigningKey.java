package io.jakamoconnector.adapter.persistence;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ed25519 key that signs audit checkpoints. It lives in files outside the database (under the connector's data
 * directory), so whoever can rewrite the database cannot forge a checkpoint: {@code audit-signing.key} (PKCS#8, mode
 * 0600) and {@code audit-signing.pub} (X.509). Only the public key is needed to verify, and exports carry it.
 */
public final class AuditSigningKey {
    private static final Logger LOG = LoggerFactory.getLogger(AuditSigningKey.class);
    static final String ALGORITHM = "Ed25519";
    static final String PRIVATE_FILE = "audit-signing.key";
    static final String PUBLIC_FILE = "audit-signing.pub";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;

    private AuditSigningKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.keyId = keyIdOf(publicKey);
    }

    /** Reads the key pair from {@code directory}, creating it (private file 0600) on first use. */
    public static AuditSigningKey loadOrCreate(Path directory) throws IOException {
        Objects.requireNonNull(directory, "directory");
        Path privateFile = directory.resolve(PRIVATE_FILE);
        Path publicFile = directory.resolve(PUBLIC_FILE);
        if (!Files.exists(privateFile)) {
            create(directory, privateFile, publicFile);
        }
        warnIfOthersCanReach(directory, privateFile);
        try {
            KeyFactory factory = KeyFactory.getInstance(ALGORITHM);
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(decode(privateFile)));
            PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(decode(publicFile)));
            AuditSigningKey key = new AuditSigningKey(privateKey, publicKey);
            if (!key.verify("probe".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                    key.sign("probe".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))) {
                throw new IOException(publicFile + " does not belong to " + privateFile);
            }
            return key;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("the audit signing key in " + directory + " cannot be read (" + e.getClass()
                    .getSimpleName() + ")", e);
        }
    }

    private static void create(Path directory, Path privateFile, Path publicFile) throws IOException {
        if (!Files.isDirectory(directory) && supportsPosix(directory)) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(directory);
        }
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no " + ALGORITHM, e);
        }
        writeAtomically(publicFile, encode(pair.getPublic().getEncoded()), false);
        try {
            writeAtomically(privateFile, encode(pair.getPrivate().getEncoded()), true);
        } catch (FileAlreadyExistsException e) {
            // another process created the pair meanwhile; its files win
        }
    }

    private static void writeAtomically(Path target, byte[] content, boolean secret) throws IOException {
        Path temp;
        if (secret && supportsPosix(target.getParent())) {
            Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
            temp = Files.createTempFile(target.getParent(), ".key", ".tmp",
                    PosixFilePermissions.asFileAttribute(ownerOnly));
        } else {
            temp = Files.createTempFile(target.getParent(), ".key", ".tmp");
        }
        try {
            Files.write(temp, content);
            try (var channel = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            if (secret) {
                // never replace an existing private key: checkpoints signed with it would no longer verify
                Files.move(temp, target);
            } else {
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * The key must stay the connector's user's own: a private key others can read lets them sign a forged chain, and a
     * directory others can write to lets them swap the key pair. Said, not repaired: the operator may have reasons.
     */
    private static void warnIfOthersCanReach(Path directory, Path privateFile) throws IOException {
        if (!supportsPosix(directory)) {
            return;
        }
        Set<PosixFilePermission> file = Files.getPosixFilePermissions(privateFile);
        if (file.contains(PosixFilePermission.GROUP_READ) || file.contains(PosixFilePermission.OTHERS_READ)) {
            LOG.warn("the audit signing key {} can be read by others ({}): whoever reads it can sign a forged audit "
                    + "trail; fix: chmod 600 {}", privateFile, PosixFilePermissions.toString(file), privateFile);
        }
        Set<PosixFilePermission> dir = Files.getPosixFilePermissions(directory);
        if (dir.contains(PosixFilePermission.GROUP_WRITE) || dir.contains(PosixFilePermission.OTHERS_WRITE)) {
            LOG.warn("the directory {} that holds the audit signing key can be written by others ({}): they could "
                    + "replace the key; fix: chmod 700 {}", directory, PosixFilePermissions.toString(dir), directory);
        }
    }

    private static boolean supportsPosix(Path directory) {
        return directory.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static byte[] encode(byte[] der) {
        return (Base64.getMimeEncoder().encodeToString(der) + "\n")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static byte[] decode(Path file) throws IOException {
        return Base64.getMimeDecoder().decode(Files.readAllBytes(file));
    }

    static String keyIdOf(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The first 16 hex characters of the SHA-256 of the public key: names the key in checkpoints. */
    public String keyId() {
        return keyId;
    }

    /** The public key, X.509 DER in Base64, as exports carry it. */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }

    byte[] sign(byte[] message) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(privateKey);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing with " + ALGORITHM + " failed", e);
        }
    }

    boolean verify(byte[] message, byte[] signatureBytes) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(publicKey);
            signature.update(message);
            return signature.verify(signatureBytes);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Never the key material. */
    @Override
    public String toString() {
        return "AuditSigningKey[" + ALGORITHM + ", keyId=" + keyId + "]";
    }
}
