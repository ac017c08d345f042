package io.jakamoconnector.adapter.notification;

import io.jakamoconnector.domain.model.attention.Attention;
import io.jakamoconnector.domain.model.attention.Notification;

/**
 * The bodies chat services take. Written by hand: three small fixed shapes of strings do not justify a JSON library in
 * this module (its only dependencies are the domain and the mail library); {@link Json#string} escapes every value.
 */
public enum WebhookFormat {
    /** {@code {"source","title","text","attentions":[{kind, integration, subject, at, detail, advice}]}}. */
    GENERIC {
        @Override
        String body(Notification n) {
            StringBuilder items = new StringBuilder();
            for (Attention a : n.about()) {
                if (items.length() > 0) {
                    items.append(',');
                }
                items.append("{\"kind\":").append(Json.string(a.kind().code()))
                        .append(",\"integration\":").append(a.integration().map(i -> Json.string(i.value()))
                                .orElse("null"))
                        .append(",\"subject\":").append(Json.string(a.subject()))
                        .append(",\"at\":").append(Json.string(a.at().toString()))
                        .append(",\"detail\":").append(Json.string(a.detail()))
                        .append(",\"advice\":").append(Json.string(a.advice())).append('}');
            }
            return "{\"source\":\"jakamo-connector\",\"title\":" + Json.string(n.title()) + ",\"text\":"
                    + Json.string(n.text()) + ",\"attentions\":[" + items + "]}";
        }
    },
    /**
     * A Microsoft Teams message with an Adaptive Card, the form both a Teams "Workflows" webhook ("Post to a channel
     * when a webhook request is received") and the older incoming-webhook connector take.
     */
    TEAMS {
        @Override
        String body(Notification n) {
            return "{\"type\":\"message\",\"attachments\":[{\"contentType\":\"application/vnd.microsoft.card.adaptive\","
                    + "\"content\":{\"type\":\"AdaptiveCard\",\"version\":\"1.4\",\"body\":["
                    + "{\"type\":\"TextBlock\",\"size\":\"Medium\",\"weight\":\"Bolder\",\"wrap\":true,\"text\":"
                    + Json.string(n.title()) + "},"
                    + "{\"type\":\"TextBlock\",\"wrap\":true,\"text\":" + Json.string(n.text().replace("\n", "\n\n"))
                    + "}]}}]}";
        }
    },
    /** A Slack incoming-webhook message: {@code {"text": ...}} with Slack's three characters escaped. */
    SLACK {
        @Override
        String body(Notification n) {
            return "{\"text\":" + Json.string(slack("*" + n.title() + "*\n" + n.text())) + "}";
        }

        private String slack(String text) {
            return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        }
    };

    abstract String body(Notification notification);

    /** JSON string literals. */
    static final class Json {
        private Json() {
        }

        static String string(String value) {
            StringBuilder out = new StringBuilder(value.length() + 2).append('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            return out.append('"').toString();
        }
    }
}
