package io.jakamoconnector.adapter.erphttp;

import static io.jakamoconnector.adapter.erphttp.ApiFixture.CLAIMS_KEY;
import static io.jakamoconnector.adapter.erphttp.ApiFixture.KEY_1;
import static io.jakamoconnector.adapter.erphttp.ApiFixture.ORDERS;
import static io.jakamoconnector.adapter.erphttp.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.document.Document;
import io.jakamoconnector.domain.model.document.DocumentType;
import io.jakamoconnector.domain.model.exchange.ArchivePruning;
import io.jakamoconnector.domain.model.sync.DedupKey;
import io.jakamoconnector.domain.testing.Documents;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InboxApiTest {
    private static final String INBOX = "/erp/v1/integrations/orders/inbox";
    @TempDir
    Path state;
    private ApiFixture api;

    @BeforeEach
    void start() {
        api = new ApiFixture(state, ApiLimits.DEFAULTS);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private static DedupKey key(int n) {
        byte[] b = new byte[32];
        b[0] = (byte) n;
        b[31] = 0x33;
        return new DedupKey(HexFormat.of().formatHex(b));
    }

    private String deliver(int n) {
        Document response = new Document(DocumentType.ORDER_RESPONSE, new BusinessKey("PO-" + n),
                Documents.orderResponse("PO-" + n, "S-" + n).getBytes(StandardCharsets.UTF_8));
        api.context.clock.advance(Duration.ofSeconds(1));
        return api.side.inbox().deliver(ORDERS, response, key(n));
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("messages").forEach(m -> ids.add(m.get("id").asText()));
        return ids;
    }

    @Test
    void messages_come_oldest_first_in_pages_with_a_cursor_and_their_exact_bytes() {
        String a = deliver(1);
        String b = deliver(2);
        String c = deliver(3);

        JsonNode first = json(api.get(INBOX + "?limit=2", KEY_1));
        assertThat(ids(first)).containsExactly(a, b);
        JsonNode m = first.get("messages").get(0);
        assertThat(m.get("type").asText()).isEqualTo("OrderResponse");
        assertThat(m.get("businessKey").asText()).isEqualTo("PO-1");
        assertThat(m.get("contentType").asText()).isEqualTo("application/xml");
        assertThat(m.get("encoding").asText()).isEqualTo("utf-8");
        assertThat(m.get("body").asText()).isEqualTo(Documents.orderResponse("PO-1", "S-1"));
        assertThat(m.get("receivedAt").asText()).isEqualTo("2026-12-07T09:00:01Z");
        String next = first.get("next").asText();
        assertThat(next).isEqualTo(first.get("messages").get(1).get("cursor").asText());

        JsonNode second = json(api.get(INBOX + "?after=" + next + "&limit=2", KEY_1));
        assertThat(ids(second)).containsExactly(c);
        JsonNode end = json(api.get(INBOX + "?after=" + second.get("next").asText(), KEY_1));
        assertThat(ids(end)).isEmpty();
        assertThat(end.get("next").isNull()).isTrue();
    }

    @Test
    void an_unacknowledged_message_comes_again_and_an_acknowledged_one_never() {
        String a = deliver(1);
        String b = deliver(2);
        assertThat(ids(json(api.get(INBOX, KEY_1)))).containsExactly(a, b);

        assertThat(api.postEmpty(INBOX + "/" + a + "/ack", KEY_1).statusCode()).isEqualTo(204);
        assertThat(ids(json(api.get(INBOX, KEY_1)))).containsExactly(b);
        assertThat(api.postEmpty(INBOX + "/" + a + "/ack", KEY_1).statusCode()).as("again").isEqualTo(204);
        assertThat(api.postEmpty(INBOX + "/nosuch.xml/ack", KEY_1).statusCode()).isEqualTo(404);

        // the core publishes again after a crash: the acknowledged message stays acknowledged
        api.side.inbox().publish(ORDERS, a);
        assertThat(deliver(1)).isEqualTo(a);
        assertThat(ids(json(api.get(INBOX, KEY_1)))).containsExactly(b);
    }

    @Test
    void a_staged_message_is_not_shown_until_published() {
        Document response = new Document(DocumentType.ORDER_RESPONSE, new BusinessKey("PO-1"),
                Documents.orderResponse("PO-1", "S-1").getBytes(StandardCharsets.UTF_8));
        String name = api.side.inbox().stage(ORDERS, response, key(1));
        assertThat(ids(json(api.get(INBOX, KEY_1)))).isEmpty();
        api.side.inbox().publish(ORDERS, name);
        assertThat(ids(json(api.get(INBOX, KEY_1)))).containsExactly(name);
    }

    @Test
    void an_attachment_comes_as_base64_with_its_type() {
        Document pdf = new Document(DocumentType.ATTACHMENT, new BusinessKey("PO-1"), new byte[] {'%', 'P', 1, (byte) 0xff});
        String name = api.side.inbox().deliverAttachment(ORDERS, pdf, key(7), "drawing.PDF");
        JsonNode m = json(api.get(INBOX, KEY_1)).get("messages").get(0);
        assertThat(m.get("id").asText()).isEqualTo(name).endsWith(".pdf");
        assertThat(m.get("contentType").asText()).isEqualTo("application/pdf");
        assertThat(m.get("encoding").asText()).isEqualTo("base64");
        assertThat(Base64.getDecoder().decode(m.get("body").asText())).containsExactly('%', 'P', 1, (byte) 0xff);
    }

    @Test
    void integrations_see_only_their_own_inbox_and_bad_queries_are_400() {
        deliver(1);
        assertThat(ids(json(api.get("/erp/v1/integrations/claims/inbox", CLAIMS_KEY)))).isEmpty();
        assertThat(api.get(INBOX + "?limit=0", KEY_1).statusCode()).isEqualTo(400);
        assertThat(api.get(INBOX + "?limit=101", KEY_1).statusCode()).isEqualTo(400);
        assertThat(api.get(INBOX + "?after=abc", KEY_1).statusCode()).isEqualTo(400);
    }

    @Test
    void a_new_side_over_the_same_state_shows_the_same_unacknowledged_messages_and_continues_the_cursor() {
        String a = deliver(1);
        String b = deliver(2);
        api.postEmpty(INBOX + "/" + a + "/ack", KEY_1);
        String lastCursor = json(api.get(INBOX, KEY_1)).get("next").asText();
        api.close();
        api = new ApiFixture(state, ApiLimits.DEFAULTS);

        assertThat(ids(json(api.get(INBOX, KEY_1)))).containsExactly(b);
        String c = deliver(3);
        assertThat(ids(json(api.get(INBOX + "?after=" + lastCursor, KEY_1)))).containsExactly(c);
    }

    @Test
    void retention_removes_old_acknowledged_messages_but_keeps_the_newest_so_cursors_never_repeat() {
        String a = deliver(1);
        String b = deliver(2);
        api.postEmpty(INBOX + "/" + a + "/ack", KEY_1);
        api.postEmpty(INBOX + "/" + b + "/ack", KEY_1);
        api.context.clock.advance(Duration.ofDays(40));

        ArchivePruning dry = api.side.retention().prune(ORDERS, api.context.clock.instant().minus(Duration.ofDays(30)),
                true);
        assertThat(dry.removed()).isEqualTo(1);
        ArchivePruning pruned = api.side.retention().prune(ORDERS,
                api.context.clock.instant().minus(Duration.ofDays(30)), false);
        assertThat(pruned.removed()).isEqualTo(1);
        assertThat(pruned.problems()).isEmpty();
        api.close();
        api = new ApiFixture(state, ApiLimits.DEFAULTS);

        String c = deliver(3);
        long cursorC = Long.parseLong(json(api.get(INBOX, KEY_1)).get("messages").get(0).get("cursor").asText());
        assertThat(cursorC).isEqualTo(3);
        assertThat(api.postEmpty(INBOX + "/" + c + "/ack", KEY_1).statusCode()).isEqualTo(204);
    }
}
