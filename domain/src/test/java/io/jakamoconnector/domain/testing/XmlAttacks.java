package io.jakamoconnector.domain.testing;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The hostile-XML corpus of reliability notes T6.1, kept once for every parse path that tests it (Jakamo's queue
 * messages and error bodies in jakamo-adapter, ERP files through the running connector in reliability). The entities
 * and DTDs that reach out point at a loopback canary URL the caller serves, so any fetch is counted.
 */
public final class XmlAttacks {
    private XmlAttacks() {
    }

    /** One attack: the bytes, and the {@code UnreadableDocumentException.Reason} name the domain's reader gives. */
    public record Attack(byte[] body, String reason) {
    }

    /** The 13 attacks the reader must refuse, by name, in a stable order; {@code canaryUrl} ends with '/'. */
    public static Map<String, Attack> refused(String canaryUrl) {
        Map<String, Attack> attacks = new LinkedHashMap<>();
        attacks.put("xxe-file", new Attack(utf8("""
                <?xml version="1.0"?>
                <!DOCTYPE OrderResponse [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <OrderResponse><cbc:ID xmlns:cbc="urn:x">&xxe;</cbc:ID></OrderResponse>"""), "DOCTYPE_FORBIDDEN"));
        attacks.put("xxe-http-canary", new Attack(utf8("""
                <?xml version="1.0"?>
                <!DOCTYPE OrderResponse [<!ENTITY xxe SYSTEM "%sxxe">]>
                <OrderResponse>&xxe;</OrderResponse>""".formatted(canaryUrl)), "DOCTYPE_FORBIDDEN"));
        attacks.put("external-dtd", new Attack(utf8("""
                <?xml version="1.0"?>
                <!DOCTYPE OrderResponse SYSTEM "%sevil.dtd">
                <OrderResponse>&canary;</OrderResponse>""".formatted(canaryUrl)), "DOCTYPE_FORBIDDEN"));
        attacks.put("parameter-entities", new Attack(utf8("""
                <?xml version="1.0"?>
                <!DOCTYPE OrderResponse [
                  <!ENTITY %% file SYSTEM "file:///etc/hostname">
                  <!ENTITY %% dtd SYSTEM "%sexfil.dtd">
                  %%dtd;
                ]>
                <OrderResponse>&send;</OrderResponse>""".formatted(canaryUrl)), "DOCTYPE_FORBIDDEN"));
        StringBuilder laughs = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol0 \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            laughs.append("<!ENTITY lol").append(i).append(" \"")
                    .append(("&lol" + (i - 1) + ";").repeat(10)).append("\">\n");
        }
        laughs.append("]>\n<lolz>&lol9;</lolz>");
        attacks.put("billion-laughs", new Attack(utf8(laughs.toString()), "DOCTYPE_FORBIDDEN"));
        attacks.put("quadratic-blowup", new Attack(utf8("<?xml version=\"1.0\"?>\n<!DOCTYPE kaboom [<!ENTITY a \""
                + "x".repeat(50_000) + "\">]>\n<kaboom>" + "&a;".repeat(50_000) + "</kaboom>"), "DOCTYPE_FORBIDDEN"));
        attacks.put("undeclared-entity", new Attack(utf8("<OrderResponse>&secret;</OrderResponse>"),
                "NOT_WELL_FORMED"));
        attacks.put("deep-nesting-100k", new Attack(utf8("<a>".repeat(100_000) + "</a>".repeat(100_000)),
                "TOO_DEEP"));
        StringBuilder attributes = new StringBuilder("<OrderResponse");
        for (int i = 0; i < 100_000; i++) {
            attributes.append(" a").append(i).append("=\"\"");
        }
        // the JDK stops at its own limit, set by the reader to the same 256, so the reason is the reader's
        attacks.put("attributes-100k", new Attack(utf8(attributes.append("/>").toString()), "TOO_MANY_ATTRIBUTES"));
        attacks.put("utf-16", new Attack(("\ufeff<?xml version=\"1.0\" encoding=\"UTF-16\"?><OrderResponse/>")
                .getBytes(StandardCharsets.UTF_16BE), "NOT_WELL_FORMED"));
        attacks.put("utf-7-declared", new Attack(utf8("<?xml version=\"1.0\" encoding=\"UTF-7\"?>"
                + "+ADw-OrderResponse+AD4-+ADw-/OrderResponse+AD4-"), "NOT_WELL_FORMED"));
        attacks.put("latin-1-declared", new Attack(("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>"
                + "<OrderResponse>\u00e9</OrderResponse>").getBytes(Charset.forName("ISO-8859-1")), "NOT_WELL_FORMED"));
        attacks.put("invalid-utf-8", new Attack(new byte[] {'<', 'a', '>', (byte) 0xc3, (byte) 0x28, '<', '/', 'a', '>'},
                "NOT_WELL_FORMED"));
        return attacks;
    }

    /**
     * The 14th attack, an XInclude pointing at the canary: the reader does not process XInclude, so it is inert text
     * in a readable document (order number {@code PO-XI}); the proof is that the canary sees no connection.
     */
    public static byte[] xinclude(String canaryUrl) {
        return utf8("<OrderResponse xmlns:xi=\"http://www.w3.org/2001/XInclude\"><cac:OrderReference "
                + "xmlns:cac=\"urn:cac\"><cbc:ID xmlns:cbc=\"urn:cbc\">PO-XI</cbc:ID></cac:OrderReference>"
                + "<xi:include href=\"" + canaryUrl + "xinclude\" parse=\"text\"/></OrderResponse>");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
