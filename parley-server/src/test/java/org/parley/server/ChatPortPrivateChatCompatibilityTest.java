package org.parley.server;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link PrivateChatCompatibilityTest} with a chat port: {@code ws_server_path} names the chat port, and the
 * original page's sockets (opened at the address it names) are served there.
 */
@TestPropertySource(properties = "parley.websocket.chat-port.port=0")
class ChatPortPrivateChatCompatibilityTest extends PrivateChatCompatibilityTest {}
