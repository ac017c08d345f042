package io.jakamoconnector.adapter.erpfolder;

/**
 * How the name of a file in {@code to_jakamo/attachments/} says which order it belongs to. A sidecar file
 * {@code <file>.order} holding the order number always wins over the name, whatever the convention.
 */
public enum AttachmentNaming {
    /** Jakamo's connector: the text before the first {@code _} ({@code PO1001_drawing.pdf}). */
    FIRST_UNDERSCORE("_"),
    /** For order numbers with {@code _} in them: the text before the first {@code __} ({@code PO_1__drawing.pdf}). */
    DOUBLE_UNDERSCORE("__");

    private final String separator;

    AttachmentNaming(String separator) {
        this.separator = separator;
    }

    public String separator() {
        return separator;
    }
}
