package io.jakamoconnector.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComparisonTest {

    @Test
    void aRowHoldsBothBuildsTheirRatioAndTheAfterBuildsVerdict() {
        Map<String, Measurements> byBuild = Map.of("before", new Measurements().put("p99", 95.0),
                "after", new Measurements().put("p99", 4.75));
        Comparison c = Comparison.of("audit append p99", "ms", byBuild, m -> m.get("p99"),
                Comparison.Goal.atMost(5));
        assertThat(c.ratio()).isEqualTo(0.05);
        assertThat(c.markdown()).isEqualTo("| audit append p99 | 95.0 ms | 4.75 ms | 0.05 | <= 5.00 ms | met |\n");
        assertThat(c.tsv()).isEqualTo("audit append p99\t95.0 ms\t4.75 ms\t0.05\t<= 5.00 ms\tmet\n");
    }

    @Test
    void withoutABaselineTheBeforeColumnAndRatioAreNotAvailable() {
        Comparison c = Comparison.of("verify cold", "events/s", Map.of("after", new Measurements().put("r", 82_345)),
                m -> m.get("r"), Comparison.Goal.atLeast(100_000));
        assertThat(c.markdown()).isEqualTo("| verify cold | n/a | 82,345 events/s | n/a | >= 100,000 events/s | MISSED |\n");
    }

    @Test
    void goalsJudgeTheAfterFigureInTheirDirection() {
        assertThat(Comparison.Goal.atLeast(0.8).verdict(0.8)).isEqualTo("met");
        assertThat(Comparison.Goal.atLeast(0.8).verdict(0.79)).isEqualTo("MISSED");
        assertThat(Comparison.Goal.atMost(3).verdict(3.2)).isEqualTo("MISSED");
        assertThat(Comparison.Goal.atMost(3).verdict(Double.NaN)).isEqualTo("n/a");
        assertThat(Comparison.Goal.NONE.verdict(1)).isEmpty();
        assertThat(Comparison.Goal.NONE.text("s")).isEmpty();
        assertThatThrownBy(() -> new Comparison.Goal("<", 1)).hasMessageContaining("operator");
    }

    @Test
    void resultsMdLeadsWithTheBeforeAfterTable() {
        String md = Report.markdown(List.of(new Comparison("wan", "", 0.4, 0.92, Comparison.Goal.atLeast(0.9))),
                List.of(new Report.Figure("5 wan", "drain", "9.2/s", "10/s", 0.92, ">= 0.9", "met")),
                List.of("a note"));
        assertThat(md).startsWith("## Before and after\n\n| figure | before | after | after/before | goal | met |\n"
                + "|---|---|---|---|---|---|\n| wan | 0.40 | 0.92 | 2.30 | >= 0.90 | met |\n");
        assertThat(md).contains("## Every figure").contains("| 5 wan | drain | 9.2/s | 10/s | 0.92 | >= 0.9 | met |")
                .endsWith("- a note\n");
    }

    @Test
    void roundsAlternateTheOrderOfTheBuilds() {
        List<Build> builds = List.of(Build.before(Path.of("/b.jar")), Build.after(Path.of("/a.jar")));
        assertThat(ChildRuns.order(builds, 0)).extracting(Build::label).containsExactly("before", "after");
        assertThat(ChildRuns.order(builds, 1)).extracting(Build::label).containsExactly("after", "before");
        assertThat(ChildRuns.order(builds, 2)).extracting(Build::label).containsExactly("before", "after");
        assertThat(ChildRuns.order(List.of(Build.after(Path.of("/a.jar"))), 1)).hasSize(1);
    }

    @Test
    void theWanLimitIsTwoRoundTripsPerMessage() {
        assertThat(WanFigures.limit(java.time.Duration.ofMillis(50))).isEqualTo(10.0);
    }
}
