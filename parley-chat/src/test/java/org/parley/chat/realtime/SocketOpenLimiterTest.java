package org.parley.chat.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Handshakes beyond the limit wait their turn; one that waits too long gets 503; other requests pass. */
class SocketOpenLimiterTest {

    private static MockHttpServletRequest handshake() {
        var request = new MockHttpServletRequest("GET", "/ws");
        request.addHeader("Upgrade", "websocket");
        return request;
    }

    @Test
    void noMoreThanTheLimitRunAtOnceAndEveryWaitingHandshakeGetsItsTurn() throws Exception {
        var limiter = new SocketOpenLimiter(3, Duration.ofSeconds(30));
        var running = new AtomicInteger();
        var mostAtOnce = new AtomicInteger();
        var release = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(12);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                statuses.add(threads.submit(() -> {
                    var response = new MockHttpServletResponse();
                    limiter.doFilter(handshake(), response, (req, res) -> {
                        mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                        try {
                            release.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        running.decrementAndGet();
                    });
                    return response.getStatus();
                }));
            }
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> limiter.waiting() == 9);
            assertThat(running).hasValue(3);
            release.countDown();
            for (Future<Integer> status : statuses) {
                assertThat(status.get(30, TimeUnit.SECONDS)).isEqualTo(200);
            }
            assertThat(mostAtOnce).hasValue(3);
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
    }

    @Test
    void aHandshakeThatWaitsTooLongIsAnswered503AndOtherRequestsAreNotHeldBack() throws Exception {
        var limiter = new SocketOpenLimiter(1, Duration.ofMillis(200));
        var inside = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var first = new Thread(() -> {
            try {
                limiter.doFilter(handshake(), new MockHttpServletResponse(), (req, res) -> {
                    inside.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        first.start();
        try {
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

            var late = new MockHttpServletResponse();
            var lateChain = new MockFilterChain();
            limiter.doFilter(handshake(), late, lateChain);
            assertThat(late.getStatus()).isEqualTo(503);
            assertThat(lateChain.getRequest()).isNull();

            var page = new MockHttpServletResponse();
            var pageChain = new MockFilterChain();
            limiter.doFilter(new MockHttpServletRequest("GET", "/dialogs/"), page, pageChain);
            assertThat(pageChain.getRequest()).isNotNull();
            assertThat(page.getStatus()).isEqualTo(200);
        } finally {
            release.countDown();
            first.join(10_000);
        }
    }
}
