package io.jakamoconnector.domain.model.validation;

import io.jakamoconnector.domain.model.Check;

/**
 * One problem of a document, located: line and column of the element's start tag (or of the element that lacks a
 * child), a path to it, what was found and what is expected.
 *
 * @param rule  a stable code for tests and tools, such as {@code required}, {@code decimal}, {@code unit-code}
 * @param found what the document has there, quoted and bounded, or {@code nothing} for a missing element
 */
public record Problem(Severity severity, String rule, int line, int column, String path, String found,
                      String expected) {
    static final int MAX_FOUND = 80;

    public Problem {
        Check.notNull("problem.severity", severity);
        Check.notBlank("problem.rule", rule);
        Check.notBlank("problem.path", path);
        Check.notNull("problem.found", found);
        Check.notBlank("problem.expected", expected);
    }

    /** What a document's text looks like in a report: quoted, control characters replaced, at most 80 characters. */
    public static String quote(String text) {
        String clean = text.replaceAll("\\p{Cntrl}", " ");
        if (clean.length() > MAX_FOUND) {
            clean = clean.substring(0, MAX_FOUND) + "…";
        }
        return "\"" + clean + "\"";
    }

    /** The same problem at another severity: how {@link ValidationMode#WARN} lets an ERROR travel. */
    public Problem as(Severity other) {
        return new Problem(other, rule, line, column, path, found, expected);
    }

    /** For the ERP team: {@code ERROR line 7, column 40, /Order/cbc:IssueDate: found "1.3.2025", expected ...}. */
    public String describe() {
        return severity + " line " + line + ", column " + column + ", " + path + ": found " + found + ", expected "
                + expected;
    }

    /**
     * For the record and the audit trail, without the document's own text (a found value may be a price or a name):
     * {@code WARNING [unit-code] line 9, column 51, /Order/...: expected ...}.
     */
    public String summary() {
        return severity + " [" + rule + "] line " + line + ", column " + column + ", " + path + ": expected "
                + expected;
    }

    @Override
    public String toString() {
        return summary();
    }
}
