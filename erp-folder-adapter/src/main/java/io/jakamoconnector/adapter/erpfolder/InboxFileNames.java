package io.jakamoconnector.adapter.erpfolder;

import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.document.Document;
import io.jakamoconnector.domain.model.document.DocumentType;
import io.jakamoconnector.domain.model.sync.DedupKey;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The names of files delivered into {@code from_jakamo/}. They never collide, because each ends with the message's
 * dedup key; they are the same for the same message, which makes a repeated delivery recognisable; and they are safe
 * on every file system an ERP may use (ASCII letters, digits, {@code . _ -}; not hidden; no leading {@code -}).
 * <ul>
 *   <li>documents: {@code <Type>-<business key>-<key12>.xml}, e.g. {@code OrderResponse-PO-1001-3fa2c4d5e6f7.xml};
 *       without a business key {@code <Type>-<key12>.xml}</li>
 *   <li>attachments: {@code Attachment-<order>-<original name>-<key12>.<original extension>}, e.g.
 *       {@code Attachment-PO-1001-drawing-3fa2c4d5e6f7.pdf}</li>
 * </ul>
 */
final class InboxFileNames {
    static final int MAX_KEY_LENGTH = 80;
    static final int MAX_BASE_LENGTH = 80;
    static final int MAX_EXTENSION_LENGTH = 16;
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]");
    private static final Pattern EXTENSION = Pattern.compile("[A-Za-z0-9]{1," + MAX_EXTENSION_LENGTH + "}");

    private InboxFileNames() {
    }

    static String document(Document document, DedupKey key) {
        if (document.type() == DocumentType.ATTACHMENT) {
            return attachment(document.businessKey(), null, key);
        }
        return document.type().label() + keyPart(document.businessKey()) + "-" + key.shortForm() + ".xml";
    }

    static String attachment(Optional<BusinessKey> order, String originalFileName, DedupKey key) {
        String base = "";
        String extension = ".bin";
        if (originalFileName != null) {
            String name = lastSegment(originalFileName).strip();
            int dot = name.lastIndexOf('.');
            if (dot > 0 && EXTENSION.matcher(name.substring(dot + 1)).matches()) {
                extension = name.substring(dot);
                name = name.substring(0, dot);
            } else {
                extension = "";
            }
            String safe = safe(name, MAX_BASE_LENGTH);
            base = safe.isEmpty() ? "" : "-" + safe;
        }
        return "Attachment" + keyPart(order) + base + "-" + key.shortForm() + extension;
    }

    private static String keyPart(Optional<BusinessKey> key) {
        return key.map(k -> safe(k.value(), MAX_KEY_LENGTH)).filter(s -> !s.isEmpty()).map(s -> "-" + s).orElse("");
    }

    /** A name may carry a path from the sending side's system; only its last part is a file name. */
    private static String lastSegment(String name) {
        int cut = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return name.substring(cut + 1);
    }

    /**
     * Every character outside ASCII letters, digits and {@code . _ -} becomes {@code _}; leading dots and dashes and
     * trailing dots go (hidden files, options to shell commands, names Windows trims); at most {@code max} long.
     */
    static String safe(String value, int max) {
        String s = UNSAFE.matcher(value).replaceAll("_");
        s = s.replaceFirst("^[.-]+", "");
        if (s.length() > max) {
            s = s.substring(0, max);
        }
        return s.replaceFirst("\\.+$", "");
    }
}
