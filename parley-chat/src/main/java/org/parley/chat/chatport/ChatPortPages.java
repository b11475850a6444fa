package org.parley.chat.chatport;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Points Parley's pages at the chat port: their scripts open the socket on this port of the page's own host
 * ({@code data-ws-port}, {@code data-port} on the multichat page) instead of the page's port.
 */
@ControllerAdvice(basePackages = "org.parley.chat")
class ChatPortPages {

    private final ChatPortServer server;

    ChatPortPages(ChatPortServer server) {
        this.server = server;
    }

    @ModelAttribute("wsPort")
    Integer wsPort() {
        return server.publicPort();
    }
}
