package io.jakamoconnector.domain.model.validation;

import io.jakamoconnector.domain.model.Check;
import io.jakamoconnector.domain.model.document.DocumentType;
import java.util.Comparator;
import java.util.List;

/** Every problem pre-flight validation found in one document, in document order. */
public record ValidationReport(DocumentType type, List<Problem> problems) {
    public ValidationReport {
        Check.notNull("report.type", type);
        problems = problems.stream()
                .sorted(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column))
                .toList();
    }

    public static ValidationReport clean(DocumentType type) {
        return new ValidationReport(type, List.of());
    }

    public List<Problem> errors() {
        return problems.stream().filter(p -> p.severity() == Severity.ERROR).toList();
    }

    public List<Problem> warnings() {
        return problems.stream().filter(p -> p.severity() == Severity.WARNING).toList();
    }

    public boolean hasErrors() {
        return !errors().isEmpty();
    }

    /** Whether the document must stay out of Jakamo under this mode: only enforce refuses, and only for ERRORs. */
    public boolean refuses(ValidationMode mode) {
        return mode == ValidationMode.ENFORCE && hasErrors();
    }

    /**
     * What travels with a document that is sent, as warnings: under enforce the WARNINGs, under warn every problem
     * (an ERROR written as a WARNING), under off nothing.
     */
    public List<Problem> travelling(ValidationMode mode) {
        return switch (mode) {
            case ENFORCE -> warnings();
            case WARN -> problems.stream().map(p -> p.as(Severity.WARNING)).toList();
            case OFF -> List.of();
        };
    }

    /** The whole list for the ERP team, one problem a line, with what was found. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        for (Problem p : problems) {
            out.append(p.describe()).append('\n');
        }
        return out.toString();
    }
}
