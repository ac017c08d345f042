package io.jakamoconnector.adapter.console;

import java.util.List;

/**
 * What the templates show, already turned into text: the templates only lay it out (and escape it), so no domain
 * rule lives in a template. Public only because the precompiled templates live in JTE's own package.
 */
public final class Views {
    private Views() {
    }

    /** Every page: who is signed in, the CSRF token for its forms, whether actions are offered, a one-time message. */
    public record Page(String title, String nav, String userName, String roles, String csrf, boolean canAct,
                       String flash) {
    }

    /** A point in time: ISO for the browser to show in its own zone, and the server's rendering until it does. */
    public record Time(String iso, String shown) {
        public boolean present() {
            return iso != null;
        }
    }

    public record Field(String label, String value, Time time, String href) {
        public static Field text(String label, String value) {
            return new Field(label, value, null, null);
        }

        public static Field at(String label, Time time) {
            return new Field(label, null, time, null);
        }

        public static Field link(String label, String value, String href) {
            return new Field(label, value, null, href);
        }
    }

    public record Link(String label, String href) {
    }

    public record Waiting(String state, long count, Time oldest, String age, String href) {
    }

    public record Integration(String name, String state, Time heldUntil, Time tokenExpiry, Time lastPoll,
                              Time lastSend, String lastFailure, List<Waiting> waiting) {
    }

    public record DocumentLine(long id, String href, String integration, String type, String order, String state,
                              int attempts, Time created, String lastError) {
        public String orderHref() {
            return Pages.orderHref(order);
        }
    }

    public record MessageLine(String integration, String key, String href, String type, String order, String state,
                             Time received, int deliveries, String reason) {
        public String orderHref() {
            return Pages.orderHref(order);
        }
    }

    /** One entry of an order's timeline: a document to Jakamo or a message from it, at the time it came in. */
    public record TimelineLine(Time at, String direction, String integration, String type, String state,
                               String what, String href, String note) {
    }

    public record EventLine(Time at, String action, String outcome, String actor, String reason) {
    }

    /** A list's filters as given, the choices offered, and the links to the neighbouring pages (null: none). */
    public record Filters(String integration, String state, String order, String from, String until,
                          List<String> integrations, List<String> states, String previous, String next) {
    }

    /** One action form on a detail page: where it posts, its button, and an optional hidden choice. */
    public record Action(String id, String href, String button, String choiceName, String choiceValue,
                         String explanation) {
    }
}
