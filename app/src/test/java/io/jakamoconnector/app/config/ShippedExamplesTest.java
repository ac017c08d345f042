package io.jakamoconnector.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The example configurations in docs/ are accepted as they ship, so the documentation stays true. */
class ShippedExamplesTest {

    @ParameterizedTest
    @ValueSource(strings = {"jakamo-connector.demo.yml", "jakamo-connector.production.yml"})
    void isAccepted(String name) {
        Path file = Path.of("..", "docs", name).toAbsolutePath().normalize();
        ConnectorConfig config = new ConfigLoader(Map.of(), file.getParent()).load(Optional.of(file));
        assertThat(config.integrations()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(config.integrations()).allSatisfy(i -> assertThat(i.environment().name()).isIn("demo", "production"));
    }
}
