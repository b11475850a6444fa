package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.parley.chat.chatport.ChatPortServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * {@link DialogBrowserTest} with the chat port on, as the standalone server runs by default: the pages come
 * from the servlet port and open their sockets on the chat port.
 */
@TestPropertySource(properties = "parley.websocket.chat-port.port=0")
class ChatPortDialogBrowserTest extends DialogBrowserTest {

    @Autowired
    ChatPortServer chatPort;

    @Test
    void thePagesOpenTheirSocketOnTheChatPort() {
        String alice = newUser("alice");
        var a = first.logIn(alice, PASSWORD).openLive("/dialogs/");
        assertThat(chatPort.localPort()).isPositive().isNotEqualTo(port);
        assertThat(a.script("return document.querySelector('[data-ws-port]').dataset.wsPort"))
                .isEqualTo(Integer.toString(chatPort.localPort()));
    }
}
