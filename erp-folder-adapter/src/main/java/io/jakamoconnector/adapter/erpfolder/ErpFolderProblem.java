package io.jakamoconnector.adapter.erpfolder;

import io.jakamoconnector.domain.model.Check;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import java.nio.file.Path;

/**
 * Something {@code doctor} should tell the operator about one folder, with the fix.
 *
 * @param severity ERROR: the connector cannot work this way; WARNING: it works, but something will bite later
 */
public record ErpFolderProblem(IntegrationName integration, Severity severity, Path path, String problem,
                               String fix) {
    public enum Severity { ERROR, WARNING }

    public ErpFolderProblem {
        Check.notNull("problem.integration", integration);
        Check.notNull("problem.severity", severity);
        Check.notNull("problem.path", path);
        Check.notBlank("problem.problem", problem);
        Check.notBlank("problem.fix", fix);
    }
}
