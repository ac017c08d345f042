package io.jakamoconnector.adapter.jakamo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    @ParameterizedTest
    @CsvSource({
        "a.pdf, application/pdf", "A.PDF, application/pdf", "scan.jpeg, image/jpeg", "x.png, image/png",
        "spec.docx, application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "list.xlsx, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "part.step, application/step",
        "data.csv, text/csv", "note.txt, text/plain", "archive.zip, application/zip", "model.dwg, application/acad",
        "noextension, application/octet-stream", "strange.xyz, application/octet-stream"
    })
    void theContentTypeFollowsTheExtension(String name, String type) {
        assertThat(MultipartBody.contentType(name)).isEqualTo(type);
    }
}
