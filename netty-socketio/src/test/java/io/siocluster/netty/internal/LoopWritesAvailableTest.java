package io.siocluster.netty.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LoopWritesAvailableTest {

    @Test
    @DisplayName("netty-socketio's client state is readable, so broadcasts take the grouped path (fails if an upgrade renames it)")
    void groupedPathAvailable() {
        assertThat(LoopWrites.available()).isTrue();
    }
}
