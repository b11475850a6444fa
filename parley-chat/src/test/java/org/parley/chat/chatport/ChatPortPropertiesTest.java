package org.parley.chat.chatport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChatPortPropertiesTest {

    @Test
    void workerThreadsOutsideWhatTheWorkerPoolTakesAreRefusedWithTheSettingsName() {
        assertThatThrownBy(() -> new ChatPortProperties(8081, null, null, 0, 0))
                .hasMessage("parley.websocket.chat-port.worker-threads must be 1-32767, not 0");
        assertThatThrownBy(() -> new ChatPortProperties(8081, null, null, 0, 40_000))
                .hasMessage("parley.websocket.chat-port.worker-threads must be 1-32767, not 40000");
        assertThat(new ChatPortProperties(8081, null, null, 0, 32_767).workerThreads())
                .isEqualTo(32_767);
    }
}
