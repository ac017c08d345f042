package io.jakamoconnector.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeasurementsTest {

    @Test
    void whatAChildPrintsTheHarnessReadsBackIgnoringOtherLines() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new Measurements().put("connector", 66.25).put("appendP99Ms", 0.0123).put("verifyEvents", 30_200)
                .print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        List<String> lines = new java.util.ArrayList<>(List.of("some stray line", "BENCH-MEASURED"));
        lines.addAll(bytes.toString(StandardCharsets.UTF_8).lines().toList());
        Measurements read = Measurements.parse(lines);
        assertThat(read.asMap()).containsExactly(java.util.Map.entry("connector", 66.25),
                java.util.Map.entry("appendP99Ms", 0.0123), java.util.Map.entry("verifyEvents", 30_200.0));
    }

    @Test
    void aMissingFigureSaysWhatWasMeasured() {
        Measurements m = Measurements.parse(List.of("BENCH-MEASURED raw 300"));
        assertThatThrownBy(() -> m.get("steps")).hasMessageContaining("no measurement steps")
                .hasMessageContaining("[raw]");
        assertThatThrownBy(() -> Measurements.parse(List.of("BENCH-MEASURED raw three")))
                .hasMessageContaining("not a number");
        assertThatThrownBy(() -> new Measurements().put("two words", 1)).hasMessageContaining("name");
    }

    @Test
    void roundsGiveTheirMedianPerName() {
        Measurements a = new Measurements().put("rate", 10).put("p99", 5);
        Measurements b = new Measurements().put("rate", 30).put("p99", 1);
        Measurements c = new Measurements().put("rate", 20);
        Measurements median = Measurements.medianOf(List.of(a, b, c));
        assertThat(median.get("rate")).isEqualTo(20);
        assertThat(median.get("p99")).as("the two rounds that have it").isEqualTo(3);
        assertThat(Measurements.medianOf(List.of())).isNotNull();
        assertThat(Measurements.median(List.of(Double.NaN))).isNaN();
    }
}
