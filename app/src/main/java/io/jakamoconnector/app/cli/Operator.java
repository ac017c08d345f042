package io.jakamoconnector.app.cli;

/** Who runs a command, for the audit trail's actor: the operating-system user. */
final class Operator {
    private Operator() {
    }

    static String name() {
        String user = System.getProperty("user.name");
        return "operator:" + (user == null || user.isBlank() ? "unknown" : user.replaceAll("[^\\w.@-]", "?"));
    }
}
