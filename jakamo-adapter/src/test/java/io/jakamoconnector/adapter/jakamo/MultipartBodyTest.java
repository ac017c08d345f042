package io.jakamoconnector.adapter.jakamo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MultipartBodyTest {

    @Test
    void onePartNamedAttachmentCarriesTheFileUnchanged() {
        byte[] file = {0, 1, 2, (byte) 0xff, '\r', '\n', '-', '-'};

        MultipartBody body = MultipartBody.of("drawing.pdf", file);

        String boundary = body.contentType().substring(body.contentType().indexOf("boundary=") + 9);
        assertThat(body.contentType()).startsWith("multipart/form-data; boundary=jakamo-connector-");
        String head = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"Attachment\"; filename=\"drawing.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        byte[] bytes = body.bytes();
        assertThat(new String(bytes, 0, head.length(), StandardCharsets.US_ASCII)).isEqualTo(head);
        assertThat(Arrays.copyOfRange(bytes, head.length(), head.length() + file.length)).isEqualTo(file);
        assertThat(new String(bytes, head.length() + file.length, tail.length(), StandardCharsets.US_ASCII))
                .isEqualTo(tail);
        assertThat(bytes).hasSize(head.length() + file.length + tail.length());
    }

    @Test
    void theFileNameLosesFoldersAndCannotBreakOutOfItsQuotes() {
        String body = new String(MultipartBody.of("C:\\erp\\out/PO-1 \"final\".pdf", new byte[0]).bytes(),
                StandardCharsets.UTF_8);

        assertThat(body).contains("filename=\"PO-1 %22final%22.pdf\"").doesNotContain("erp");
    }

    @Test
    void aNonAsciiFileNameIsAlsoGivenInRfc5987Form() {
        String body = new String(MultipartBody.of("piirustus ä.pdf", new byte[0]).bytes(), StandardCharsets.UTF_8);

        assertThat(body).contains("filename=\"piirustus ä.pdf\"; filename*=UTF-8''piirustus%20%C3%A4.pdf");
    }

    @Test
    void thePartDeclaresTheContentTypeItIsGiven() {
        AttachmentContentTypes types = AttachmentContentTypes.jakamosWith(Map.of("dwg", "application/acad"));
        String dwg = new String(MultipartBody.of("PO-1_model.dwg", new byte[0], types).bytes(), StandardCharsets.UTF_8);
        String step = new String(MultipartBody.of("PO-1_part.step", new byte[0], types).bytes(),
                StandardCharsets.UTF_8);
        assertThat(dwg).contains("\r\nContent-Type: application/acad\r\n");
        assertThat(step).contains("\r\nContent-Type: application/octet-stream\r\n");
    }
}
