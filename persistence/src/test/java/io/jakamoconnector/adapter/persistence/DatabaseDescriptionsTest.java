package io.jakamoconnector.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DatabaseDescriptionsTest {
    @Test
    void descriptionsAndTestUrlsLeaveCredentialsAndParametersOut() {
        assertThat(ExternalDatabase.withoutQuery("jdbc:postgresql://db.example:5432/jakamo?ssl=true&user=x"))
                .isEqualTo("jdbc:postgresql://db.example:5432/jakamo");
        assertThat(TestDatabase.withDatabase("jdbc:postgresql://localhost:5432/postgres?user=postgres", "t_1"))
                .isEqualTo("jdbc:postgresql://localhost:5432/t_1?user=postgres");
        assertThat(TestDatabase.withDatabase("jdbc:postgresql://h/db", "t_2")).isEqualTo("jdbc:postgresql://h/t_2");
    }
}
