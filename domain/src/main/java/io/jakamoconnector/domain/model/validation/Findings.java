package io.jakamoconnector.domain.model.validation;

import io.jakamoconnector.domain.model.document.LocatedElement;
import java.util.ArrayList;
import java.util.List;

/** Collects the problems of one document as the rules find them. */
final class Findings {
    private final List<Problem> problems = new ArrayList<>();

    /** A problem with an element that is there. */
    void at(LocatedElement element, Severity severity, String rule, String found, String expected) {
        problems.add(new Problem(severity, rule, element.line(), element.column(), element.path(), found, expected));
    }

    /** A child that is missing: located at its parent, path naming the missing child. */
    void missing(LocatedElement parent, String childName, Severity severity, String expected) {
        problems.add(new Problem(severity, "required", parent.line(), parent.column(),
                parent.path() + "/" + childName, "nothing", expected));
    }

    List<Problem> problems() {
        return problems;
    }
}
