package io.jakamoconnector.app.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * Reads a secret from its reference into a {@code char[]} the caller clears. A secret file readable by group or others
 * is refused: on a shared host that is a leak waiting to happen.
 */
public final class SecretReader {
    private final Map<String, String> environment;

    public SecretReader(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public static SecretReader fromProcess() {
        return new SecretReader(System.getenv());
    }

    /**
     * @param key the configuration key that holds the reference, for the error message
     * @throws ConfigurationException saying what to fix; never containing the secret
     */
    public char[] read(SecretReference ref, String key) {
        return switch (ref.kind()) {
            case FILE -> file(Path.of(ref.name()), key);
            case CREDENTIAL -> credential(ref.name(), key);
            case ENV -> env(ref.name(), key);
        };
    }

    private char[] credential(String name, String key) {
        String dir = environment.get("CREDENTIALS_DIRECTORY");
        if (dir == null || dir.isBlank()) {
            throw problem(key, "refers to the systemd credential '" + name + "', but CREDENTIALS_DIRECTORY is not set: "
                    + "run the connector from its systemd unit with LoadCredential=" + name + ":<file>");
        }
        if (name.contains("/") || name.equals("..")) {
            throw problem(key, "a credential name must not contain '/'");
        }
        return file(Path.of(dir, name), key);
    }

    private char[] env(String name, String key) {
        String value = environment.get(name);
        if (value == null || value.isEmpty()) {
            throw problem(key, "refers to the environment variable " + name + ", which is not set or empty");
        }
        return value.strip().toCharArray();
    }

    private char[] file(Path path, String key) {
        if (!Files.isRegularFile(path)) {
            throw problem(key, "refers to the file " + path + ", which does not exist or is not a regular file");
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path);
            for (PosixFilePermission open : Set.of(PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ,
                    PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE)) {
                if (perms.contains(open)) {
                    throw problem(key, "the file " + path + " is readable or writable by group or others; run: chmod 600 "
                            + path);
                }
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing to check
        } catch (IOException e) {
            throw problem(key, "the file " + path + " cannot be inspected: " + e.getMessage());
        }
        byte[] bytes = null;
        try {
            bytes = Files.readAllBytes(path);
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            int end = chars.limit();
            while (end > 0 && Character.isWhitespace(chars.get(end - 1))) {
                end--;
            }
            char[] result = new char[end];
            chars.get(result, 0, end);
            Arrays.fill(chars.array(), '\0');
            if (result.length == 0) {
                throw problem(key, "the file " + path + " is empty");
            }
            return result;
        } catch (CharacterCodingException e) {
            throw problem(key, "the file " + path + " is not UTF-8 text");
        } catch (IOException e) {
            throw problem(key, "the file " + path + " cannot be read: " + e.getMessage());
        } finally {
            if (bytes != null) {
                Arrays.fill(bytes, (byte) 0);
            }
        }
    }

    private static ConfigurationException problem(String key, String what) {
        return new ConfigurationException("(secret reference)", java.util.List.of(key + ": " + what));
    }
}
