package io.jakamoconnector.adapter.jakamo;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A {@code multipart/form-data} body with one file part named {@code Attachment}, as Jakamo's connector uploads
 * attachments. The file's bytes go in unchanged.
 */
final class MultipartBody {
    static final String PART_NAME = "Attachment";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final String boundary;
    private final byte[] bytes;

    private MultipartBody(String boundary, byte[] bytes) {
        this.boundary = boundary;
        this.bytes = bytes;
    }

    static MultipartBody of(String fileName, byte[] file) {
        return of(fileName, file, AttachmentContentTypes.jakamos());
    }

    static MultipartBody of(String fileName, byte[] file, AttachmentContentTypes types) {
        String name = baseName(fileName);
        String boundary;
        do {
            byte[] random = new byte[16];
            RANDOM.nextBytes(random);
            boundary = "jakamo-connector-" + HexFormat.of().formatHex(random);
        } while (contains(file, ("--" + boundary).getBytes(StandardCharsets.US_ASCII)));

        StringBuilder head = new StringBuilder();
        head.append("--").append(boundary).append("\r\n");
        head.append("Content-Disposition: form-data; name=\"").append(PART_NAME).append("\"; filename=\"")
                .append(quoted(name)).append('"');
        if (!isAscii(name)) {
            head.append("; filename*=UTF-8''").append(JakamoUris.segment(name));
        }
        head.append("\r\n");
        head.append("Content-Type: ").append(types.of(name)).append("\r\n\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream(file.length + 512);
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(file);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return new MultipartBody(boundary, out.toByteArray());
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    byte[] bytes() {
        return bytes;
    }

    /** The last path element: a file name never carries the ERP's folders to Jakamo. */
    static String baseName(String fileName) {
        String name = fileName.strip();
        int cut = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = cut >= 0 ? name.substring(cut + 1) : name;
        return name.isEmpty() ? "attachment" : name;
    }

    private static String quoted(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (char c : name.toCharArray()) {
            if (c == '"') {
                out.append("%22");
            } else if (c == '\\') {
                out.append("%5C");
            } else if (c < 0x20 || c == 0x7f) {
                out.append('_');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isAscii(String s) {
        return s.chars().allMatch(c -> c < 128);
    }

    private static boolean contains(byte[] data, byte[] needle) {
        outer:
        for (int i = 0; i <= data.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
