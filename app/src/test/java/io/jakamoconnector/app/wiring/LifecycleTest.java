package io.jakamoconnector.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Resources start in order and close in reverse; those a failed start never reached are told so on close. */
class LifecycleTest {
    private final List<String> calls = new ArrayList<>();

    private Lifecycle.Resource resource(String name, RuntimeException startFailure) {
        return new Lifecycle.Resource() {
            @Override
            public void start() {
                calls.add("start " + name);
                if (startFailure != null) {
                    throw startFailure;
                }
            }

            @Override
            public void close() {
                calls.add("close " + name);
            }

            @Override
            public void abandon(RuntimeException why) {
                calls.add("abandon " + name + ": " + why.getMessage());
            }
        };
    }

    @Test
    void startedResourcesCloseInReverseAndNothingIsAbandoned() {
        Lifecycle lifecycle = new Lifecycle().add(resource("a", null)).add(resource("b", null));
        lifecycle.start();
        lifecycle.close();
        lifecycle.close();
        assertThat(calls).containsExactly("start a", "start b", "close b", "close a");
    }

    @Test
    void resourcesAFailedStartNeverReachedAreAbandonedWithItsReasonOnce() {
        Lifecycle lifecycle = new Lifecycle().add(resource("a", null))
                .add(resource("b", new IllegalStateException("folder missing"))).add(resource("c", null));
        assertThatThrownBy(lifecycle::start).hasMessage("folder missing");
        lifecycle.close();
        lifecycle.close();
        assertThat(calls).containsExactly("start a", "start b", "abandon b: folder missing",
                "abandon c: folder missing", "close a");
    }

    @Test
    void closingWithoutStartingAbandonsEverything() {
        Lifecycle lifecycle = new Lifecycle().add(resource("a", null));
        lifecycle.close();
        assertThat(calls).containsExactly("abandon a: the connector stopped before it was started");
    }
}
