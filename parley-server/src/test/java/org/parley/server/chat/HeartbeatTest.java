package org.parley.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.parley.chat.realtime.CloseReason;
import org.parley.server.support.SilentWebSocket;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A client that stops answering pings (a killed browser whose TCP connection never closed) is closed with
 * 4002 within two ping intervals and its user goes offline for its partners; clients that answer stay.
 */
@TestPropertySource(properties = "parley.websocket.ping-interval=2s")
class HeartbeatTest extends RealtimeTestSupport {

    private static final Duration INTERVAL = Duration.ofSeconds(2);

    @Test
    void aClientThatStopsAnsweringPingsIsClosedAndGoesOffline() throws Exception {
        var alice = login("alice");
        var bob = login("bob");
        var aliceSocket = connect(alice);
        send(aliceSocket, bob, "a dialog, so alice hears about bob");
        int mark = aliceSocket.mark();

        long opened = System.nanoTime();
        try (var silent = SilentWebSocket.open(socketPort(), "/ws", bob.client().sessionCookie())) {
            aliceSocket.awaitAfter(mark, f -> isType(f, "gone-online"));

            int code = silent.awaitCloseCode(15, TimeUnit.SECONDS);
            Duration closedAfter = Duration.ofNanos(System.nanoTime() - opened);

            System.out.printf(
                    "Silent client closed (%d) %d ms after it opened; ping interval %s%n",
                    code, closedAfter.toMillis(), INTERVAL);
            assertThat(code).isEqualTo(CloseReason.HEARTBEAT_TIMEOUT.code());
            assertThat(silent.pings()).isPositive();
            // Not before 1.5 silent intervals, and within 2 intervals (plus slack for a loaded machine).
            assertThat(closedAfter)
                    .isGreaterThanOrEqualTo(INTERVAL.multipliedBy(3).dividedBy(2));
            assertThat(closedAfter).isLessThan(INTERVAL.multipliedBy(2).plusSeconds(3));
        }
        JsonNode offline = aliceSocket.awaitAfter(mark, f -> isType(f, "gone-offline"));
        assertThat(offline.path("username").asString()).isEqualTo(bob.username());
        awaitNoSockets(bob);

        // Alice's client answers the pings: it was open longer than the silent one and is still served.
        assertThat(aliceSocket.isClosed()).isFalse();
        roundTrip(aliceSocket, dialogId(alice, bob));
    }

    @Test
    void clientsThatAnswerPingsStayOpenAcrossManyIntervals() {
        var carol = login("carol");
        var carolSocket = connect(carol);
        long id = userId(carol);
        var connection = registry.connectionsOf(id).get(0);

        // Five intervals without a single frame from the client: only its pongs keep it open all along.
        org.awaitility.Awaitility.await()
                .during(INTERVAL.multipliedBy(5))
                .atMost(INTERVAL.multipliedBy(10))
                .until(connection::isOpen);

        assertThat(carolSocket.isClosed()).isFalse();
    }
}
