package org.parley.chat.realtime;

import jakarta.servlet.ServletContext;
import jakarta.websocket.server.ServerContainer;
import org.springframework.web.context.ServletContextAware;

/**
 * Sets the container's inbound buffer size: the part size in which {@link WholeMessages} receives frames
 * (the frame limit itself is enforced there, with 1009). Unlike Spring's
 * {@code ServletServerContainerFactoryBean} it tolerates a context without a WebSocket container (mock
 * servlet environments in tests), where there is nothing to limit.
 */
class WebSocketContainerLimits implements ServletContextAware {

    private final int bufferSize;

    WebSocketContainerLimits(int bufferSize) {
        this.bufferSize = bufferSize;
    }

    @Override
    public void setServletContext(ServletContext context) {
        if (context.getAttribute(ServerContainer.class.getName()) instanceof ServerContainer container) {
            container.setDefaultMaxTextMessageBufferSize(bufferSize);
            container.setDefaultMaxBinaryMessageBufferSize(bufferSize);
        }
    }
}
