package io.jakamoconnector.adapter.jakamo;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * A {@code multipart/form-data} body with one file part named {@code Attachment}, as Jakamo's connector uploads
 * attachments. The file's bytes go in unchanged.
 */
final class MultipartBody {
    static final String PART_NAME = "Attachment";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("pdf", "application/pdf"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("bmp", "image/bmp"),
            Map.entry("tif", "image/tiff"),
            Map.entry("tiff", "image/tiff"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("txt", "text/plain"),
            Map.entry("csv", "text/csv"),
            Map.entry("xml", "application/xml"),
            Map.entry("json", "application/json"),
            Map.entry("zip", "application/zip"),
            Map.entry("7z", "application/x-7z-compressed"),
            Map.entry("doc", "application/msword"),
            Map.entry("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            Map.entry("xls", "application/vnd.ms-excel"),
            Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            Map.entry("ppt", "application/vnd.ms-powerpoint"),
            Map.entry("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
            Map.entry("odt", "application/vnd.oasis.opendocument.text"),
            Map.entry("ods", "application/vnd.oasis.opendocument.spreadsheet"),
            Map.entry("dwg", "application/acad"),
            Map.entry("dxf", "application/dxf"),
            Map.entry("step", "application/step"),
            Map.entry("stp", "application/step"),
            Map.entry("igs", "model/iges"),
            Map.entry("iges", "model/iges"),
            Map.entry("stl", "model/stl"),
            Map.entry("eml", "message/rfc822"),
            Map.entry("msg", "application/vnd.ms-outlook"));

    private final String boundary;
    private final byte[] bytes;

    private MultipartBody(String boundary, byte[] bytes) {
        this.boundary = boundary;
        this.bytes = bytes;
    }

    static MultipartBody of(String fileName, byte[] file) {
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
        head.append("Content-Type: ").append(contentType(name)).append("\r\n\r\n");
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

    /** The content type Jakamo's connector would give a file of this name; unknown extensions are octet-stream. */
    static String contentType(String fileName) {
        String name = baseName(fileName);
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(ext, "application/octet-stream");
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
