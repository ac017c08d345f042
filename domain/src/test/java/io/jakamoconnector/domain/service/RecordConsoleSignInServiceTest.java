package io.jakamoconnector.domain.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jakamoconnector.domain.model.InvalidValueException;
import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.port.in.RecordConsoleSignInCommand;
import io.jakamoconnector.domain.testing.InMemoryAuditTrail;
import io.jakamoconnector.domain.testing.MutableClock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecordConsoleSignInServiceTest {
    private static final Instant T0 = Instant.parse("2026-12-07T03:00:00Z");
    private final InMemoryAuditTrail trail = new InMemoryAuditTrail();
    private final RecordConsoleSignInService service = new RecordConsoleSignInService(trail, new MutableClock(T0),
            "node-1");

    @Test
    void aSignInIsAnEventWithWhoWhenHowAndFromWhere() {
        service.record(new RecordConsoleSignInCommand("operator:break-glass (oid break-glass)", "break-glass",
                "192.0.2.7", null));

        AuditEvent event = trail.events().get(0);
        assertThat(event.action()).isEqualTo(AuditAction.CONSOLE_SIGNED_IN);
        assertThat(event.outcome()).isEqualTo(AuditOutcome.OK);
        assertThat(event.actor()).isEqualTo("operator:break-glass (oid break-glass)");
        assertThat(event.at()).isEqualTo(T0);
        assertThat(event.node()).isEqualTo("node-1");
        assertThat(event.reason()).isEqualTo("console sign-in by break-glass from 192.0.2.7");
    }

    @Test
    void aRefusedSignInIsADeniedEventWithWhy() {
        service.record(new RecordConsoleSignInCommand("unknown", "break-glass", "192.0.2.7",
                "wrong or spent token"));

        AuditEvent event = trail.events().get(0);
        assertThat(event.action()).isEqualTo(AuditAction.CONSOLE_SIGN_IN_REFUSED);
        assertThat(event.outcome()).isEqualTo(AuditOutcome.DENIED);
        assertThat(event.reason()).isEqualTo("console sign-in by break-glass from 192.0.2.7 refused: wrong or spent token");
    }

    @Test
    void anAddressWithAControlCharacterIsRefused() {
        assertThatThrownBy(() -> new RecordConsoleSignInCommand("unknown", "entra", "1.2.3.4\nforged", null))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("address");
    }
}
