package io.jakamoconnector.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A rule over a package that does not exist checks nothing and passes: every package and class the rules name must
 * exist in the imported real code.
 */
class RulesNameRealPackagesTest {

    /**
     * Names the rules rely on whose code was still being written when the rules landed, relative to
     * {@code io.jakamoconnector}. Each entry must be absent today; once its code lands this test fails until the entry
     * is removed, so the list only shrinks. Keep it empty.
     */
    static final Set<String> NOT_WRITTEN_YET = Set.of();

    private final Layout layout = ArchitectureRules.PROJECT.layout();
    private final JavaClasses classes = ProjectClasses.get();

    @Test
    void every_package_a_rule_names_has_classes() {
        Set<String> missing = new TreeSet<>();
        for (String name : layout.namedPackages()) {
            if (!NOT_WRITTEN_YET.contains(layout.relative(name)) && !hasClassesIn(name)) {
                missing.add(name);
            }
        }
        assertThat(missing).as("packages named by a rule but holding no class (renamed? moved?)").isEmpty();
    }

    @Test
    void every_class_a_rule_names_exists() {
        Set<String> missing = new TreeSet<>();
        for (String name : layout.namedClasses()) {
            if (!NOT_WRITTEN_YET.contains(layout.relative(name)) && !classes.contain(name)) {
                missing.add(name);
            }
        }
        assertThat(missing).as("classes named by a rule but not found (renamed? moved?)").isEmpty();
    }

    @Test
    void the_list_of_names_not_written_yet_only_holds_missing_names() {
        Set<String> landed = new TreeSet<>();
        for (String relative : NOT_WRITTEN_YET) {
            String name = layout.root() + "." + relative;
            assertThat(layout.namedPackages().contains(name) || layout.namedClasses().contains(name))
                    .as("%s is not named by any rule", relative).isTrue();
            if (hasClassesIn(name) || classes.contain(name)) {
                landed.add(relative);
            }
        }
        assertThat(landed).as("these have landed: remove them from NOT_WRITTEN_YET").isEmpty();
    }

    @Test
    void the_import_holds_production_code_and_the_domain_fakes_but_no_tests() {
        assertThat(hasClassesIn(layout.root() + ".domain.testing"))
                .as("the domain test-jar's fakes are checked too").isTrue();
        assertThat(classes.stream().map(JavaClass::getName))
                .as("no test classes and nothing of this module")
                .noneMatch(name -> name.endsWith("Test") && !name.contains(".domain.testing."))
                .noneMatch(name -> name.startsWith(layout.root() + ".architecture"));
    }

    private boolean hasClassesIn(String packageName) {
        return classes.stream().anyMatch(c -> c.getPackageName().equals(packageName)
                || c.getPackageName().startsWith(packageName + "."));
    }
}
