package io.jakamoconnector.adapter.jakamo;

import io.jakamoconnector.domain.model.Check;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The content type an uploaded attachment's part declares, by its file name's extension. By default exactly the
 * extensions Jakamo's own connector maps ({@code JakamoConnectorService.GetContentType}), everything else
 * {@code application/octet-stream}, as Jakamo receives from its own connector; a configuration may add or replace
 * extensions ({@code attachments.contentTypes}).
 */
public final class AttachmentContentTypes {
    public static final String OCTET_STREAM = "application/octet-stream";
    /** Jakamo's connector's list: the only mapping Jakamo is known to receive. */
    static final Map<String, String> JAKAMOS = Map.ofEntries(
            Map.entry("pdf", "application/pdf"),
            Map.entry("xml", "application/xml"),
            Map.entry("json", "application/json"),
            Map.entry("txt", "text/plain"),
            Map.entry("csv", "text/csv"),
            Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            Map.entry("xls", "application/vnd.ms-excel"),
            Map.entry("zip", "application/zip"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"));
    private static final Pattern EXTENSION = Pattern.compile("[a-z0-9][a-z0-9_+-]{0,15}");
    // RFC 6838 type/subtype, no parameters: it goes into a header line as it is
    private static final Pattern MEDIA_TYPE = Pattern.compile(
            "[a-z0-9][a-z0-9!#$&^_.+-]{0,126}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}");

    private final Map<String, String> byExtension;

    private AttachmentContentTypes(Map<String, String> byExtension) {
        this.byExtension = Map.copyOf(byExtension);
    }

    /** Jakamo's connector's mapping and nothing else. */
    public static AttachmentContentTypes jakamos() {
        return new AttachmentContentTypes(JAKAMOS);
    }

    /**
     * Jakamo's connector's mapping with {@code overrides} on top (extension without the dot, in lower case, e.g.
     * {@code dwg: application/acad}; an extension of Jakamo's list is replaced).
     *
     * @throws io.jakamoconnector.domain.model.InvalidValueException naming the extension when one is not usable
     */
    public static AttachmentContentTypes jakamosWith(Map<String, String> overrides) {
        Map<String, String> all = new HashMap<>(JAKAMOS);
        overrides.forEach((extension, type) -> {
            String field = "attachments.contentTypes." + extension;
            Check.that(extension != null && EXTENSION.matcher(extension).matches(), field,
                    "must be a file extension without its dot, in lower case letters and digits (e.g. dwg), at most "
                            + "16 characters");
            Check.that(type != null && MEDIA_TYPE.matcher(type.toLowerCase(Locale.ROOT)).matches(), field,
                    "must be a media type such as application/acad (type/subtype, no parameters)");
            all.put(extension, type);
        });
        return new AttachmentContentTypes(all);
    }

    /** The content type for a file of this name: by its last extension, in any letter case; octet-stream otherwise. */
    public String of(String fileName) {
        String name = MultipartBody.baseName(fileName);
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return byExtension.getOrDefault(extension, OCTET_STREAM);
    }

    /** The mapping in use, for a person (doctor, docs). */
    public Map<String, String> byExtension() {
        return byExtension;
    }
}
