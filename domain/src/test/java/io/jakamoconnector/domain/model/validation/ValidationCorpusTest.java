package io.jakamoconnector.domain.model.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.domain.model.document.DocumentReader;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of the corpus names, in {@code <!-- expect SEVERITY rule path -->} comments, exactly the problems it must
 * produce: no more, no fewer. {@code valid-*} files expect no ERROR (a warning may be named), {@code invalid-*} files
 * at least one.
 */
class ValidationCorpusTest {
    private static final Pattern EXPECT = Pattern.compile("<!-- expect (ERROR|WARNING) (\\S+) (\\S+) -->");
    private final DocumentValidator validator = new DocumentValidator(new DocumentReader());

    static Stream<Path> corpus() throws IOException, URISyntaxException {
        Path dir = Path.of(Objects.requireNonNull(ValidationCorpusTest.class.getResource("corpus")).toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".xml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void each_document_produces_exactly_the_problems_it_names(Path file) throws IOException {
        String text = Files.readString(file);
        List<String> expected = expectations(text);

        ValidationReport report = validator.validate(Files.readAllBytes(file));

        assertThat(report.problems()).extracting(p -> p.severity() + " " + p.rule() + " " + p.path())
                .as(report.describe())
                .containsExactlyInAnyOrderElementsOf(expected);
        boolean valid = file.getFileName().toString().startsWith("valid-");
        assertThat(report.hasErrors()).as(file.getFileName() + " is named " + (valid ? "valid" : "invalid"))
                .isEqualTo(!valid);
    }

    @Test
    void every_problem_is_located_at_a_line_and_column_of_the_file() throws Exception {
        Path file = corpus().filter(f -> f.getFileName().toString().equals("invalid-order-issue-19.xml")).findFirst()
                .orElseThrow();
        List<String> lines = Files.readAllLines(file);

        ValidationReport report = validator.validate(Files.readAllBytes(file));

        Problem quantity = report.problems().stream().filter(p -> p.rule().equals("decimal")).findFirst().orElseThrow();
        assertThat(lines.get(quantity.line() - 1)).contains("<Quantity>abc</Quantity>");
        assertThat(quantity.found()).isEqualTo("\"abc\"");
        assertThat(quantity.describe()).startsWith("ERROR line " + quantity.line() + ", column ")
                .contains("/Order/Quantity: found \"abc\", expected a decimal number");
        Problem lines0 = report.problems().stream().filter(p -> p.path().equals("/Order/cac:OrderLine")).findFirst()
                .orElseThrow();
        assertThat(lines.get(lines0.line() - 1)).contains("<Order>");
        assertThat(lines0.found()).isEqualTo("nothing");
    }

    private static List<String> expectations(String text) {
        Matcher m = EXPECT.matcher(text);
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group(1) + " " + m.group(2) + " " + m.group(3));
        }
        return out;
    }
}
