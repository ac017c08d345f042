package io.jakamoconnector.domain.model.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactedUriTest {

    @Test
    void keepsSchemeHostPortAndPathOnly() {
        assertThat(RedactedUri.of("https://demo.thejakamo.com:8443/api/ack/7?token=SECRET123#SECRET123"))
                .isEqualTo("https://demo.thejakamo.com:8443/api/ack/7");
        assertThat(RedactedUri.of("https://user:SECRET123@evil.example.com/x")).isEqualTo("https://evil.example.com/x");
        assertThat(RedactedUri.of("//evil.example.com#SECRET123")).isEqualTo("//evil.example.com");
        assertThat(RedactedUri.of("/api/order/response/1?sig=SECRET123")).isEqualTo("/api/order/response/1");
        assertThat(RedactedUri.of("not a uri ?SECRET123")).isEqualTo("not a uri ");
        assertThat(RedactedUri.of(null)).isEmpty();
    }

    @Test
    void handlesAndConfirmationUrlsPrintWithoutTheirQuery() {
        String signed = "https://demo.thejakamo.com/api/x?token=SECRET123";
        assertThat(new AckHandle(signed).toString()).isEqualTo("https://demo.thejakamo.com/api/x");
        assertThat(new ConfirmUrl(signed).toString()).isEqualTo("https://demo.thejakamo.com/api/x");
        assertThat(new ConfirmUrl(signed).value()).isEqualTo(signed);
    }
}
