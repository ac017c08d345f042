package io.jakamoconnector.domain.plugin;

import io.jakamoconnector.domain.model.Check;
import io.jakamoconnector.domain.model.document.DocumentType;
import io.jakamoconnector.domain.model.validation.Problem;
import java.util.List;

/** What the core would do with a document handed over now ({@link ErpContext#judge}). */
public sealed interface HandOverVerdict {

    /** It would be recorded and sent; {@code warnings} travel with it. */
    record Acceptable(DocumentType type, List<Problem> warnings) implements HandOverVerdict {
        public Acceptable {
            Check.notNull("verdict.type", type);
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * It would be refused: {@code reason} as the failed archive would say it, {@code advice} what to do, and the
     * validation's located problems (line, column, path) when validation refused it, else none.
     */
    record Refused(String reason, String advice, List<Problem> problems) implements HandOverVerdict {
        public Refused {
            Check.notBlank("verdict.reason", reason);
            Check.notNull("verdict.advice", advice);
            problems = List.copyOf(problems);
        }
    }
}
