package io.jakamoconnector.adapter.erpfolder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArchiveNamesTest {
    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00.123Z");

    @Test
    void the_first_choice_is_the_files_own_name() {
        assertThat(ArchiveNames.candidate("Order-1.xml", 0, NOW)).isEqualTo("Order-1.xml");
    }

    @Test
    void later_choices_carry_the_utc_time_to_the_millisecond_and_a_counter_before_the_extension() {
        assertThat(ArchiveNames.candidate("Order-1.xml", 1, NOW)).isEqualTo("Order-1.20261129T100000.123Z-1.xml");
        assertThat(ArchiveNames.candidate("Order-1.xml", 2, NOW)).isEqualTo("Order-1.20261129T100000.123Z-2.xml");
        assertThat(ArchiveNames.candidate("README", 1, NOW)).isEqualTo("README.20261129T100000.123Z-1");
    }

    @Test
    void the_names_archiving_gives_a_file_are_recognised_and_others_of_its_stem_are_not() {
        for (int i = 0; i < 3; i++) {
            assertThat(ArchiveNames.isCandidateFor("Order-1.xml", ArchiveNames.candidate("Order-1.xml", i, NOW)))
                    .isTrue();
        }
        assertThat(ArchiveNames.isCandidateFor("README", ArchiveNames.candidate("README", 1, NOW))).isTrue();
        assertThat(ArchiveNames.isCandidateFor("Order-1.xml", "Order-1.xml.error.txt")).isFalse();
        assertThat(ArchiveNames.isCandidateFor("Order-1.xml", "Order-1.old.xml")).isFalse();
        assertThat(ArchiveNames.isCandidateFor("Order-1.xml", "Order-12.xml")).isFalse();
    }

    @Test
    void every_choice_in_one_millisecond_differs() {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            names.add(ArchiveNames.candidate("Order-1.xml", i, NOW));
        }
        assertThat(names).hasSize(1000);
    }

    @Test
    void a_long_name_is_shortened_so_the_name_and_its_error_file_fit_the_file_system() {
        String longName = "ä".repeat(122) + ".xml"; // 248 bytes: fits, but not with .error.txt beside it
        String first = ArchiveNames.candidate(longName, 0, NOW);
        assertThat((first + DropFolderRules.ERROR_SUFFIX).getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(255);
        assertThat(first).endsWith("-1.xml").startsWith("ää");
        assertThat(ArchiveNames.candidate(longName, 7, NOW).getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(ArchiveNames.MAX_NAME_BYTES);
    }
}
