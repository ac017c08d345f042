package io.jakamoconnector.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.util.regex.Pattern;

/**
 * The real classes of every module, imported once.
 *
 * <p>{@link ImportOption.Predefined#DO_NOT_INCLUDE_TESTS} drops test output directories (this module's fixtures among
 * them), but a dependency's test-jar is a jar and would come in whole. Of the domain's test-jar we want exactly the
 * fakes, contracts and builders of {@code domain.testing}: they are shipped to other modules and must obey the domain's
 * rules too. The jar's own tests ({@code AuthValuesTest} in {@code domain.model.auth}, …) are tests, not fixtures, and
 * stay out. When Maven resolves the test-jar to {@code domain/target/test-classes} instead (a reactor run that stops
 * before {@code package}), the same fixtures are kept, so the rules see the same classes either way.
 */
final class ProjectClasses {

    private static final Pattern TEST_JAR = Pattern.compile(".*-tests\\.jar!/.*");
    private static final String DOMAIN_TEST_FIXTURES = "/io/jakamoconnector/domain/testing/";

    /** Production code of every module, plus the domain test-jar's {@code domain.testing} fixtures. */
    static final ImportOption PRODUCTION_CODE_AND_DOMAIN_TEST_FIXTURES = ProjectClasses::includes;

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(PRODUCTION_CODE_AND_DOMAIN_TEST_FIXTURES)
            .importPackages(ArchitectureRules.PROJECT_ROOT);

    private ProjectClasses() {
    }

    static JavaClasses get() {
        return CLASSES;
    }

    private static boolean includes(Location location) {
        if (location.contains(DOMAIN_TEST_FIXTURES)) {
            return true;
        }
        return ImportOption.Predefined.DO_NOT_INCLUDE_TESTS.includes(location) && !location.matches(TEST_JAR);
    }
}
