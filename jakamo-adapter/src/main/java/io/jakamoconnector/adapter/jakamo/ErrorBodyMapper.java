package io.jakamoconnector.adapter.jakamo;

import io.jakamoconnector.domain.model.document.DocumentFacts;
import io.jakamoconnector.domain.model.document.DocumentReader;
import io.jakamoconnector.domain.model.document.UnreadableDocumentException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns whatever body came with a refusal into a few short, safe messages: Jakamo's {@code <errors><error>} XML (read
 * by the domain's hardened reader, never by a parser of our own), a proxy's HTML page (its title), plain text or JSON
 * (as text), or nothing. A body the reader refuses (a DOCTYPE, entities, too deep, too big) is named, never quoted.
 */
final class ErrorBodyMapper {
    static final int MAX_MESSAGES = 10;
    static final int MAX_MESSAGE_CHARS = 300;
    private static final Pattern TITLE = Pattern.compile("<title[^>]*>(.*?)</title\\s*>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern H1 = Pattern.compile("<h1[^>]*>(.*?)</h1\\s*>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    /** A proxy's page names its error near the top; scanning a bounded prefix keeps the regexes linear-ish. */
    private static final int HTML_SCAN_BYTES = 16 * 1024;
    private static final Pattern TAG = Pattern.compile("<[^>]{0,2000}>");

    private final DocumentReader reader;

    ErrorBodyMapper(DocumentReader reader) {
        this.reader = reader;
    }

    List<String> messages(byte[] body, String contentType) {
        if (body == null || body.length == 0) {
            return List.of();
        }
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        String head = Text.utf8(body, 512).stripLeading().toLowerCase(Locale.ROOT);
        if (head.startsWith("\ufeff")) {
            head = head.substring(1);
        }
        if (type.contains("html") || head.startsWith("<!doctype html") || head.startsWith("<html")) {
            return html(Text.utf8(body, HTML_SCAN_BYTES));
        }
        if (type.contains("xml") || head.startsWith("<")) {
            return xml(body);
        }
        return bounded(List.of(Text.utf8(body, 4 * MAX_MESSAGE_CHARS)));
    }

    private List<String> xml(byte[] body) {
        try {
            List<String> errors = reader.textsOf(body, "error");
            if (!errors.isEmpty()) {
                return bounded(errors);
            }
            DocumentFacts facts = reader.read(body);
            List<String> texts = new ArrayList<>();
            String rootText = facts.childTexts().get("");
            if (rootText != null && !rootText.isBlank()) {
                texts.add(rootText);
            } else {
                facts.childTexts().forEach((name, text) -> {
                    if (!text.isBlank()) {
                        texts.add(name + ": " + text);
                    }
                });
                texts.sort(null);
            }
            return bounded(texts);
        } catch (UnreadableDocumentException e) {
            return List.of("the error body was not read (" + e.reason() + "): " + Text.clean(e.getMessage(),
                    MAX_MESSAGE_CHARS));
        }
    }

    private static List<String> html(String page) {
        for (Pattern p : new Pattern[] {TITLE, H1}) {
            Matcher m = p.matcher(page);
            if (m.find()) {
                String text = TAG.matcher(m.group(1)).replaceAll(" ");
                if (!text.isBlank()) {
                    return bounded(List.of(text));
                }
            }
        }
        return bounded(List.of(TAG.matcher(page).replaceAll(" ")));
    }

    private static List<String> bounded(List<String> raw) {
        Set<String> out = new LinkedHashSet<>();
        for (String message : raw) {
            String clean = Text.clean(message, MAX_MESSAGE_CHARS);
            if (!clean.isEmpty()) {
                out.add(clean);
            }
            if (out.size() == MAX_MESSAGES) {
                break;
            }
        }
        return List.copyOf(out);
    }
}
