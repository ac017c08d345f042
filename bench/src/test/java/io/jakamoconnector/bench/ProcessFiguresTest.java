package io.jakamoconnector.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessFiguresTest {

    @Test
    void cpuSecondsIsTheProcessesUsedCpuTimeAndGrowsWithWork() {
        double before = ProcessFigures.cpuSeconds(ProcessHandle.current());
        assertThat(before).isPositive();
        // work until the counter moves (the kernel counts in clock ticks), bounded so a broken reading fails, not hangs
        double after = before;
        long sink = 0;
        for (int round = 0; round < 10_000 && after <= before; round++) {
            for (int i = 0; i < 1_000_000; i++) {
                sink += Long.hashCode(sink * 31 + i);
            }
            after = ProcessFigures.cpuSeconds(ProcessHandle.current());
        }
        assertThat(sink).isNotEqualTo(42);
        assertThat(after).isGreaterThan(before);
    }
}
