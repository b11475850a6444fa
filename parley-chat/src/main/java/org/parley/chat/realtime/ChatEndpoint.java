package org.parley.chat.realtime;

import org.springframework.web.socket.config.annotation.WebSocketConfigurer;

/**
 * A Parley socket endpoint. It registers with the servlet container like any {@code WebSocketConfigurer},
 * and the chat port, if there is one, registers the very same endpoints with itself.
 */
@FunctionalInterface
public interface ChatEndpoint extends WebSocketConfigurer {}
