package io.siocluster.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("recent messages, the replay's memory of what arrived")
class RecentMessagesTest {

    @Test
    @DisplayName("a multiset: identical messages are counted, and only those received since a time")
    void countsSince() {
        RecentMessages recent = new RecentMessages(1_000, 100);
        long a = RecentMessages.hash("c", "a");
        recent.add(a, 10);
        recent.add(a, 20);
        recent.add(RecentMessages.hash("c", "b"), 30);
        assertThat(recent.countsSince(0)).isEqualTo(Map.of(a, 2, RecentMessages.hash("c", "b"), 1));
        assertThat(recent.countsSince(15)).isEqualTo(Map.of(a, 1, RecentMessages.hash("c", "b"), 1));
    }

    @Test
    @DisplayName("entries older than the keep time are forgotten as new ones come")
    void expires() {
        RecentMessages recent = new RecentMessages(100, 100);
        recent.add(1, 0);
        recent.add(2, 50);
        recent.add(3, 160);
        assertThat(recent.size()).isEqualTo(1);
        assertThat(recent.countsSince(0)).containsOnlyKeys(3L);
    }

    @Test
    @DisplayName("bounded: at the most entries the oldest goes first")
    void bounded() {
        RecentMessages recent = new RecentMessages(Long.MAX_VALUE / 4, 4);
        for (int i = 0; i < 6; i++) {
            recent.add(i, i * 10L);
        }
        assertThat(recent.size()).isEqualTo(4);
        assertThat(recent.countsSince(0)).containsOnlyKeys(2L, 3L, 4L, 5L);
    }

    @Test
    @DisplayName("the hash tells channel from payload: (ab, c) and (a, bc) differ")
    void hashSeparatesTheParts() {
        assertThat(RecentMessages.hash("ab", "c")).isNotEqualTo(RecentMessages.hash("a", "bc"));
        assertThat(RecentMessages.hash("a", "b")).isEqualTo(RecentMessages.hash("a", "b"));
    }

    @Test
    @DisplayName("grows past its first array without losing order")
    void grows() {
        RecentMessages recent = new RecentMessages(Long.MAX_VALUE / 4, 1 << 12);
        for (int i = 0; i < 3_000; i++) {
            recent.add(i, i);
        }
        assertThat(recent.size()).isEqualTo(3_000);
        assertThat(recent.countsSince(2_990)).hasSize(10);
    }
}
