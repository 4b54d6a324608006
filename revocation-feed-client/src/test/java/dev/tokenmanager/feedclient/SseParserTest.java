package dev.tokenmanager.feedclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {

    private final List<String> seen = new ArrayList<>();
    private final SseParser parser = new SseParser(new SseParser.Listener() {
        @Override
        public void event(String id, String name, String data) {
            seen.add("event " + id + " " + name + " " + data);
        }

        @Override
        public void comment(String text) {
            seen.add("comment " + text);
        }
    });

    private void lines(String... lines) {
        for (String line : lines) {
            parser.line(line);
        }
    }

    @Test
    void eventOfTheFeedWithItsIdNameAndData() {
        lines("event: session-revoked", "id: 7", "data: {\"sid\":\"a\",\"until\":1}", "");
        assertThat(seen).containsExactly("event 7 session-revoked {\"sid\":\"a\",\"until\":1}");
    }

    @Test
    void commentsAreHeartbeats() {
        lines(": caught up", "", ":heartbeat", "");
        assertThat(seen).containsExactly("comment caught up", "comment heartbeat");
    }

    @Test
    void anEventIsDispatchedOnlyAtItsEmptyLine() {
        lines("id: 1", "data: x");
        assertThat(seen).isEmpty();
        lines("");
        assertThat(seen).containsExactly("event 1 message x");
    }

    @Test
    void dataLinesJoinAndTheIdCarriesOver() {
        lines("id: 3", "data: a", "data:b", "", "data: c", "");
        assertThat(seen).containsExactly("event 3 message a\nb", "event 3 message c");
    }

    @Test
    void anEventWithoutDataIsNotDispatched() {
        lines("event: session-revoked", "id: 4", "", "retry: 1000", "unknown: x", "");
        assertThat(seen).isEmpty();
    }

    @Test
    void onlyOneLeadingSpaceIsStripped() {
        lines("data:  two spaces", "");
        assertThat(seen).containsExactly("event null message  two spaces");
    }
}
