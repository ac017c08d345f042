package io.jakamoconnector.domain.model.attention;

import io.jakamoconnector.domain.model.Check;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Something that needs a person: what kind, on which integration (none for the whole connector, such as the audit
 * trail), about what (an order number, a file name, a message key) and when it was seen. The detail is short and
 * goes to mail boxes and chat channels, so it is cut, stripped of control characters and of any URL's query string
 * (where tokens and signatures hide).
 */
public record Attention(AttentionKind kind, Optional<IntegrationName> integration, String subject, Instant at,
                        String detail) {
    public static final int MAX_SUBJECT = 200;
    public static final int MAX_DETAIL = 300;
    private static final Pattern QUERY = Pattern.compile("(https?://[^\\s?#\"'<>]*)[?#][^\\s\"'<>]*");

    public Attention {
        Check.notNull("attention.kind", kind);
        Check.notNull("attention.integration", integration);
        Check.notBlank("attention.subject", subject);
        Check.notNull("attention.at", at);
        subject = clean(subject, MAX_SUBJECT);
        detail = detail == null || detail.isBlank() ? "" : clean(detail, MAX_DETAIL);
    }

    public Attention(AttentionKind kind, IntegrationName integration, String subject, Instant at, String detail) {
        this(kind, Optional.ofNullable(integration), subject, at, detail);
    }

    /** What makes two attentions the same: a repeat of the same key is not sent again. */
    public Key key() {
        return new Key(kind, integration.map(IntegrationName::value).orElse(""), subject);
    }

    /** One line for a person: "orders: Order 4500012345 may have been sent to Jakamo (detail)". */
    public String headline() {
        return integration.map(i -> i + ": ").orElse("") + subject + " " + kind.summary()
                + (detail.isEmpty() ? "" : " (" + detail + ")");
    }

    public String advice() {
        return kind.advice(this);
    }

    /** The text without a URL's query string or fragment, control characters or more than {@code max} characters. */
    static String clean(String text, int max) {
        String clean = QUERY.matcher(text).replaceAll("$1").replaceAll("\\p{Cntrl}", " ").strip();
        return clean.length() <= max ? clean : clean.substring(0, max - 1) + "…";
    }

    /** The identity of an attention, for not telling the same thing twice. */
    public record Key(AttentionKind kind, String integration, String subject) {
    }
}
