package io.jakamoconnector.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every rule of {@link ArchitectureRules} over the real code of every module, one test per rule. */
class ArchitectureTest {

    @TestFactory
    Stream<DynamicTest> the_real_code_follows_every_rule() {
        return ArchitectureRules.PROJECT.all().entrySet().stream()
                .map(rule -> DynamicTest.dynamicTest(rule.getKey(), () -> {
                    try {
                        rule.getValue().check(ProjectClasses.get());
                    } catch (AssertionError e) {
                        // surefire names a dynamic test by its index only: say which rule it was
                        throw new AssertionError("ArchitectureRules." + rule.getKey() + ": " + e.getMessage(), e);
                    }
                }));
    }

    @TestFactory
    Stream<DynamicTest> the_real_tests_follow_every_rule_over_test_code() {
        return ArchitectureRules.PROJECT.overTestCode().entrySet().stream()
                .map(rule -> DynamicTest.dynamicTest(rule.getKey(), () -> {
                    try {
                        rule.getValue().check(TestClasses.get());
                    } catch (AssertionError e) {
                        throw new AssertionError("ArchitectureRules." + rule.getKey() + ": " + e.getMessage(), e);
                    }
                }));
    }

    @Test
    void the_tests_still_to_convert_still_sleep() {
        // the list only shrinks: a converted class is taken off, or it could start sleeping again unnoticed
        Set<String> converted = new TreeSet<>();
        for (String relative : ArchitectureRules.STILL_SLEEPING) {
            String name = ArchitectureRules.PROJECT_ROOT + "." + relative;
            boolean sleeps = TestClasses.get().stream()
                    .filter(c -> c.getName().equals(name) || c.getName().startsWith(name + "$"))
                    .flatMap(c -> c.getAccessesFromSelf().stream())
                    .anyMatch(ArchitectureRules.sleeps());
            if (!sleeps) {
                converted.add(relative);
            }
        }
        assertThat(converted).as("no longer sleep (or are gone): remove them from STILL_SLEEPING").isEmpty();
    }

    @Test
    void the_test_classes_are_imported() {
        for (String module : List.of("jakamo-adapter", "app")) {
            assertThat(TestClasses.get().stream().map(c -> c.getName()))
                    .as("test classes of %s", module).isNotEmpty();
        }
        assertThat(TestClasses.get().contain(ArchitectureRules.PROJECT_ROOT + ".adapter.jakamo.ThrottleGateTest"))
                .as("a known test class is among them").isTrue();
    }

    @Test
    void every_rule_says_why() {
        Map<String, ArchRule> rules = new java.util.LinkedHashMap<>(ArchitectureRules.PROJECT.all());
        rules.putAll(ArchitectureRules.PROJECT.overTestCode());
        assertThat(rules).isNotEmpty();
        rules.forEach((name, rule) -> assertThat(rule.getDescription()).as(name).contains(", because "));
    }
}
