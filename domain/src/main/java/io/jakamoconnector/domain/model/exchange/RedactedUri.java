package io.jakamoconnector.domain.model.exchange;

/**
 * A URI from Jakamo (acknowledgement, confirmation, attachment) as it may appear in a log, an error or the audit
 * trail: {@code scheme://host:port/path}, without user info, query or fragment, which may carry a signature or a
 * token. Works on the text alone, so a URI too broken to parse is shortened the same way.
 */
public final class RedactedUri {
    private RedactedUri() {
    }

    public static String of(String raw) {
        if (raw == null) {
            return "";
        }
        String s = raw.strip();
        int query = s.indexOf('?');
        int fragment = s.indexOf('#');
        int cut = query < 0 ? fragment : fragment < 0 ? query : Math.min(query, fragment);
        if (cut >= 0) {
            s = s.substring(0, cut);
        }
        int scheme = s.indexOf("//");
        if (scheme >= 0 && s.substring(0, scheme).chars().allMatch(c -> Character.isLetterOrDigit(c) || c == ':'
                || c == '+' || c == '-' || c == '.')) {
            int authorityStart = scheme + 2;
            int pathStart = s.indexOf('/', authorityStart);
            int authorityEnd = pathStart < 0 ? s.length() : pathStart;
            String authority = s.substring(authorityStart, authorityEnd);
            int at = authority.lastIndexOf('@');
            if (at >= 0) {
                s = s.substring(0, authorityStart) + authority.substring(at + 1) + s.substring(authorityEnd);
            }
        }
        return s;
    }
}
