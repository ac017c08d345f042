package io.jakamoconnector.adapter.jakamo;

import java.nio.charset.StandardCharsets;

/** Makes outside text safe to carry in an error, a log line or the audit trail. */
final class Text {
    private Text() {
    }

    /**
     * Control and format characters (which could forge log lines or hide text) become spaces, runs of white space
     * collapse, and the result is cut at {@code max} characters.
     */
    static String clean(String raw, int max) {
        if (raw == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(raw.length(), max + 1));
        boolean space = false;
        for (int i = 0; i < raw.length() && out.length() <= max; ) {
            int cp = raw.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            boolean blank = Character.isWhitespace(cp) || Character.isISOControl(cp) || type == Character.FORMAT
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                    || type == Character.UNASSIGNED || type == Character.PRIVATE_USE || type == Character.SURROGATE;
            if (blank) {
                space = out.length() > 0;
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            out.appendCodePoint(cp);
        }
        if (out.length() > max) {
            int cut = max;
            if (Character.isLowSurrogate(out.charAt(cut)) && cut > 0) {
                cut--;
            }
            return out.substring(0, cut) + "…";
        }
        return out.toString();
    }

    static String utf8(byte[] bytes, int maxBytes) {
        return new String(bytes, 0, Math.min(bytes.length, maxBytes), StandardCharsets.UTF_8);
    }
}
