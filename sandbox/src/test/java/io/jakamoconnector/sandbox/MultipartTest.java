package io.jakamoconnector.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultipartTest {

    @Test
    void readsPartsWithBinaryContent() {
        byte[] body = ("--xyz\r\nContent-Disposition: form-data; name=\"Note\"\r\n\r\nhello\r\n"
                + "--xyz\r\nContent-Disposition: form-data; name=\"Attachment\"; filename=\"a b.pdf\"\r\nContent-Type: application/pdf\r\n\r\n"
                + "%PDF\r\n--x\r\n--xyz--\r\n").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(Multipart.boundary("multipart/form-data; boundary=\"xyz\"")).hasValue("xyz");
        List<Multipart.Part> parts = Multipart.parse(body, "xyz");
        assertThat(parts).extracting(Multipart.Part::name).containsExactly("Note", "Attachment");
        assertThat(parts.get(1).fileName()).isEqualTo("a b.pdf");
        assertThat(parts.get(1).contentType()).isEqualTo("application/pdf");
        assertThat(new String(parts.get(1).content(), StandardCharsets.ISO_8859_1)).isEqualTo("%PDF\r\n--x");
    }

    @Test
    void refusesWhatIsNotMultipart() {
        assertThat(Multipart.boundary("application/xml")).isEmpty();
        assertThat(Multipart.boundary("multipart/form-data")).isEmpty();
        assertThatThrownBy(() -> Multipart.parse("no boundary here".getBytes(StandardCharsets.UTF_8), "xyz"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Multipart.parse("--xyz\r\nContent-Disposition: form-data; name=\"A\"\r\n\r\nunterminated"
                .getBytes(StandardCharsets.UTF_8), "xyz")).isInstanceOf(IllegalArgumentException.class);
    }
}
