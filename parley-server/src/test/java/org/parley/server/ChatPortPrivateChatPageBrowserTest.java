package org.parley.server;

import org.springframework.test.context.TestPropertySource;

/** {@link PrivateChatPageBrowserTest} with the private-chat page's socket on the chat port. */
@TestPropertySource(properties = "parley.websocket.chat-port.port=0")
class ChatPortPrivateChatPageBrowserTest extends PrivateChatPageBrowserTest {}
