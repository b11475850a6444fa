package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.parley.chat.chatport.ChatPortServer;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** {@code parley.websocket.chat-port.port} left empty (e.g. an empty environment variable) means no chat port. */
class ChatPortSettingsTest {

    @Test
    void anEmptyPortMeansNoChatPort() {
        try (var server = new SpringApplicationBuilder(ParleyServerApplication.class)
                .profiles("test")
                .properties("server.port=0", "parley.websocket.chat-port.port=")
                .run()) {
            assertThat(server.getBeanNamesForType(ChatPortServer.class)).isEmpty();
        }
    }
}
