package org.parley.server;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Small per-socket buffers in Tomcat, because every open chat socket holds them for as long as it is open
 * (docs/performance.md, "Idle connections"): the connector's read and write buffers (8 KB each by
 * default) and the WebSocket layer's input, output and encoder buffers (8 KB, 8 KB and 16 KB by default,
 * set by a system property that must be in place before Tomcat's WebSocket classes load: {@link #apply}
 * runs first thing in {@code main}). Frames larger than a buffer are simply read or written in parts.
 */
@Configuration(proxyBeanMethods = false)
public class SocketBuffers {

    /** Tomcat's system property for its WebSocket buffers; an explicit -D setting wins. */
    static final String WEBSOCKET_BUFFER_PROPERTY = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

    static final int DEFAULT_BYTES = 1024;

    static void apply() {
        if (System.getProperty(WEBSOCKET_BUFFER_PROPERTY) == null) {
            System.setProperty(WEBSOCKET_BUFFER_PROPERTY, String.valueOf(DEFAULT_BYTES));
        }
    }

    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> parleySocketBuffers(
            @Value("${parley.server.socket-buffer-size:" + DEFAULT_BYTES + "}") int bytes) {
        return factory -> factory.addConnectorCustomizers(connector -> {
            connector.setProperty("socket.appReadBufSize", String.valueOf(bytes));
            connector.setProperty("socket.appWriteBufSize", String.valueOf(bytes));
        });
    }
}
