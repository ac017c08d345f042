package io.jakamoconnector.domain.model.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jakamoconnector.domain.model.InvalidValueException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OperatorIdentityTest {

    @Test
    void theAuditActorCarriesUserNameAndObjectId() {
        OperatorIdentity alice = new OperatorIdentity("0c1d-42", "alice@contoso.com", Set.of(OperatorRole.OPERATOR));
        assertThat(alice.decide("checked in Jakamo").operator()).isEqualTo("operator:alice@contoso.com (oid 0c1d-42)");
        assertThat(alice.decide("checked in Jakamo").reason()).isEqualTo("checked in Jakamo");
    }

    @Test
    void aViewerMayViewButNotOperate() {
        OperatorIdentity viewer = new OperatorIdentity("1", "vic@contoso.com", Set.of(OperatorRole.VIEWER));
        OperatorIdentity operator = new OperatorIdentity("2", "olga@contoso.com", Set.of(OperatorRole.OPERATOR));
        OperatorIdentity nobody = new OperatorIdentity("3", "nina@contoso.com", Set.of());
        assertThat(viewer.may(OperatorRole.VIEWER)).isTrue();
        assertThat(viewer.may(OperatorRole.OPERATOR)).isFalse();
        assertThat(operator.may(OperatorRole.VIEWER)).isTrue();
        assertThat(nobody.may(OperatorRole.VIEWER)).isFalse();
    }

    @Test
    void anObjectIdThatCouldForgeAnotherActorIsRefused() {
        assertThatThrownBy(() -> new OperatorIdentity("x) (oid y", "a", Set.of()))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("objectId");
    }
}
