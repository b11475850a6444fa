package org.parley.chat.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.CloseStatus;

class SocketShutdownTest {

    @Test
    void stoppingClosesEverySocketWith1001() throws Exception {
        var registry = new SessionRegistry(new SessionRegistryTest.CountingBroker());
        try (var one = new FakeSocket();
                var two = new FakeSocket()) {
            List<ChatConnection> connections =
                    List.of(one.connection(1, Protocol.NATIVE, 100), two.connection(2, Protocol.MULTICHAT, 100));
            connections.forEach(registry::register);
            var shutdown = new SocketShutdown(registry, Duration.ofMillis(200));
            shutdown.start();

            shutdown.stop();

            assertThat(shutdown.isRunning()).isFalse();
            for (FakeSocket socket : List.of(one, two)) {
                assertThat(socket.closes).extracting(CloseStatus::getCode).containsExactly(1001);
            }
            // The fake container reports no close, so the sockets stay registered: stop() gave up after its wait.
            assertThat(registry.size()).isEqualTo(2);
        }
    }
}
