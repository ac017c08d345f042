package io.jakamoconnector.adapter.jakamo;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.domain.model.document.DocumentReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ErrorBodyMapperTest {
    private final ErrorBodyMapper mapper = new ErrorBodyMapper(new DocumentReader(JakamoApiClient.ERROR_BODY_CAP));

    @Test
    void jakamosErrorsAreItsMessagesInOrder() {
        assertThat(messages("<errors><error>SellerContact/ID jbond is not mapped</error>"
                + "<error>Line 2: quantity missing</error></errors>", "application/xml"))
                .containsExactly("SellerContact/ID jbond is not mapped", "Line 2: quantity missing");
    }

    @Test
    void anotherXmlAnswerGivesItsText() {
        assertThat(messages("<Info>Message cleared from the queue</Info>", "application/xml"))
                .containsExactly("Message cleared from the queue");
        assertThat(messages("<Error><Code>E1</Code><Message>Order not found</Message></Error>", null))
                .containsExactly("Code: E1", "Message: Order not found");
    }

    @Test
    void aProxysHtmlPageGivesItsTitle() {
        assertThat(messages("<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>",
                "text/html")).containsExactly("502 Bad Gateway");
        assertThat(messages("<html><body><h1>Service <b>Unavailable</b></h1></body></html>", "text/html; charset=utf-8"))
                .containsExactly("Service Unavailable");
        assertThat(messages("<html><body><p>Gateway\nTimeout</p></body></html>", null))
                .containsExactly("Gateway Timeout");
    }

    @Test
    void plainTextAndJsonAreKeptAsText() {
        assertThat(messages("Order not found", "text/plain")).containsExactly("Order not found");
        assertThat(messages("{\"message\":\"schema validation failed\",\"errors\":[\"ID missing\"]}",
                "application/json")).containsExactly("{\"message\":\"schema validation failed\",\"errors\":[\"ID missing\"]}");
    }

    @Test
    void anEmptyBodySaysNothing() {
        assertThat(mapper.messages(new byte[0], "application/xml")).isEmpty();
        assertThat(messages("   \n ", "text/plain")).isEmpty();
    }

    @Test
    void messagesAreBoundedInNumberAndLengthAndCleanOfControlCharacters() {
        StringBuilder many = new StringBuilder("<errors>");
        for (int i = 0; i < 50; i++) {
            many.append("<error>problem ").append(i).append("</error>");
        }
        assertThat(messages(many.append("</errors>").toString(), null)).hasSize(ErrorBodyMapper.MAX_MESSAGES);

        String longOne = messages("<errors><error>" + "x".repeat(5000) + "</error></errors>", null).get(0);
        assertThat(longOne).hasSize(ErrorBodyMapper.MAX_MESSAGE_CHARS + 1).endsWith("…");

        assertThat(messages("Order\r\n2026-11-29 ERROR forged log line\u001b[31m\u202e", "text/plain"))
                .containsExactly("Order 2026-11-29 ERROR forged log line [31m");
    }

    @Test
    void aHostileXmlBodyIsNamedNotQuoted() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><errors><error>&x;"
                + "</error></errors>";

        assertThat(messages(xxe, "application/xml")).singleElement().asString()
                .startsWith("the error body was not read (DOCTYPE_FORBIDDEN)").doesNotContain("passwd");
    }

    @Test
    void aBrokenXmlBodyIsNamedNotQuoted() {
        assertThat(messages("<errors><error>cut off", "application/xml")).singleElement().asString()
                .startsWith("the error body was not read (NOT_WELL_FORMED)");
    }

    private java.util.List<String> messages(String body, String contentType) {
        return mapper.messages(body.getBytes(StandardCharsets.UTF_8), contentType);
    }
}
