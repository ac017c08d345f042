package io.jakamoconnector.domain.model.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.domain.model.document.DocumentReader;
import io.jakamoconnector.domain.testing.Documents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The documents the project hands to people and tests (the builders of domain.testing, the docs' example files) are
 * what Jakamo accepts: none of them may carry an ERROR, or a user copying one would be refused. The demo's and the
 * sandbox's documents are checked in app, where those modules are.
 */
class ShippedSamplesTest {
    private final DocumentValidator validator = new DocumentValidator(new DocumentReader());

    @Test
    void the_test_builders_produce_documents_without_errors() {
        List<String> samples = List.of(Documents.order("PO-1"), Documents.orderChange("PO-1", 2),
                Documents.statusMessage("PO-1", "Received"), Documents.orderResponse("PO-1", "SO-1"),
                Documents.confirmAllChanges("PO-1", "ERP-1"));
        for (String sample : samples) {
            ValidationReport report = validator.validate(sample.getBytes(StandardCharsets.UTF_8));
            assertThat(report.errors()).as(sample).isEmpty();
        }
    }

    @Test
    void the_example_files_in_docs_have_no_errors() throws IOException {
        Path examples = Path.of("..", "docs", "examples");
        List<Path> files;
        try (Stream<Path> list = Files.list(examples)) {
            files = list.filter(f -> f.toString().endsWith(".xml")).toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            assertThat(validator.validate(Files.readAllBytes(file)).errors()).as(file.toString()).isEmpty();
        }
    }
}
