package io.jakamoconnector.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.domain.model.document.DocumentReader;
import io.jakamoconnector.domain.model.validation.DocumentValidator;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The demo's documents are what a new user sees first: they pass pre-flight validation with no ERROR. */
class DemoSamplesValidationTest {
    private final DocumentValidator validator = new DocumentValidator(new DocumentReader());

    @Test
    void theDemoOrdersAndClaimHaveNoErrors() {
        for (String sample : new String[] {DemoCommand.order("DEMO-1", 1), DemoCommand.order("DEMO-2", 3),
                DemoCommand.claim("CL-1", "DEMO-1")}) {
            assertThat(validator.validate(sample.getBytes(StandardCharsets.UTF_8)).errors()).as(sample).isEmpty();
        }
    }
}
