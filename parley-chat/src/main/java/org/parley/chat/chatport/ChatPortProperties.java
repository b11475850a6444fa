package org.parley.chat.chatport;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code parley.websocket.chat-port.*}: a second port, served by Netty instead of the servlet container,
 * that answers the same three sockets as the main port ({@code /ws}, the multichat stream and the
 * private-chat sockets) with the same handlers, sessions and limits. Pages are pointed at it. It exists for
 * speed and memory: a frame sent to many sockets is turned into bytes once and each socket is a few
 * kilobytes (docs/performance.md).
 *
 * @param port the port; empty means no chat port (the default), 0 means any free port
 * @param address the address to bind; empty means every interface, like the main port
 * @param publicPort the port pages connect to when a proxy stands in front of the chat port; empty means
 *     {@code port}
 * @param ioThreads threads reading and writing sockets; 0 means one per CPU
 * @param workerThreads threads that run the handlers of received frames, which may wait for the database
 *     (a message is stored before it is acknowledged); the servlet container's default is 200 too
 */
@ConfigurationProperties("parley.websocket.chat-port")
public record ChatPortProperties(
        Integer port,
        String address,
        Integer publicPort,
        @DefaultValue("0") int ioThreads,
        @DefaultValue("200") int workerThreads) {

    /** The most threads a {@code ForkJoinPool} takes (the worker pool is one). */
    static final int MAX_WORKER_THREADS = 0x7fff;

    public ChatPortProperties {
        if (port != null && (port < 0 || port > 65535)) {
            throw new IllegalArgumentException("parley.websocket.chat-port.port must be 0-65535, not " + port);
        }
        if (workerThreads < 1 || workerThreads > MAX_WORKER_THREADS) {
            throw new IllegalArgumentException("parley.websocket.chat-port.worker-threads must be 1-"
                    + MAX_WORKER_THREADS + ", not " + workerThreads);
        }
    }
}
