package org.parley.chat.realtime;

import jakarta.servlet.ServletContext;
import jakarta.websocket.server.ServerContainer;
import org.springframework.web.context.ServletContextAware;

/**
 * Sets the container's inbound frame limit, so a larger frame closes the socket with 1009. Unlike Spring's
 * {@code ServletServerContainerFactoryBean} it tolerates a context without a WebSocket container (mock
 * servlet environments in tests), where there is nothing to limit.
 */
class WebSocketContainerLimits implements ServletContextAware {

    private final int maxFrameBytes;

    WebSocketContainerLimits(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    public void setServletContext(ServletContext context) {
        if (context.getAttribute(ServerContainer.class.getName()) instanceof ServerContainer container) {
            container.setDefaultMaxTextMessageBufferSize(maxFrameBytes);
            container.setDefaultMaxBinaryMessageBufferSize(maxFrameBytes);
        }
    }
}
