package io.jakamoconnector.app.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ConfigurationWatchTest {
    private final AtomicReference<String> onDisk = new AtomicReference<>("node: a\n");
    private final ConfigurationWatch watch = new ConfigurationWatch("/etc/jakamo-connector/jakamo-connector.yml", () -> {
        String text = onDisk.get();
        if (text == null) {
            throw new NoSuchFileException("gone");
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }, "node: a\n".getBytes(StandardCharsets.UTF_8));

    @Test
    void saysNothingWhileTheFileIsAsLoaded() {
        assertThat(watch.check()).isEmpty();
        assertThat(watch.check()).isEmpty();
    }

    @Test
    void saysOncePerChangeThatARestartIsNeededAndHowToCheckFirst() {
        onDisk.set("node: b\n");
        assertThat(watch.check()).hasValueSatisfying(m -> assertThat(m)
                .contains("/etc/jakamo-connector/jakamo-connector.yml changed after the service started")
                .contains("jakamo-connector doctor").contains("systemctl restart jakamo-connector"));
        assertThat(watch.check()).as("once per change").isEmpty();

        onDisk.set("node: c\n");
        assertThat(watch.check()).as("a further change is news").isPresent();

        onDisk.set("node: a\n");
        assertThat(watch.check()).hasValueSatisfying(m -> assertThat(m).contains("again as the service loaded it"));
        assertThat(watch.check()).isEmpty();
    }

    @Test
    void aRemovedFileIsSaidToBeRemoved() {
        onDisk.set(null);
        assertThat(watch.check()).hasValueSatisfying(m -> assertThat(m).contains("was removed"));
        assertThat(watch.check()).isEmpty();
    }
}
