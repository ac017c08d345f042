package io.jakamoconnector.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.lang.ArchRule;
import java.util.Map;
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

    @Test
    void every_rule_says_why() {
        Map<String, ArchRule> rules = ArchitectureRules.PROJECT.all();
        assertThat(rules).isNotEmpty();
        rules.forEach((name, rule) -> assertThat(rule.getDescription()).as(name).contains(", because "));
    }
}
