package org.parley.chat.realtime;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.parley.chat.broker.InMemoryChatBroker;
import org.parley.chat.broker.Topic;
import org.parley.chat.event.RoomMessageCreated;
import org.parley.chat.user.ChatUser;

/**
 * One room message dispatched to N local sockets: the registry lookup, one encoding, N queue-and-send
 * hand-overs (to stub sockets that complete at once). Score: microseconds per event; divide by N for the
 * cost of one delivery inside Parley (Tomcat's own write comes on top).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FanOutBenchmark {

    @Param({"100", "1000"})
    public int members;

    private LocalDispatcher dispatcher;
    private RoomMessageCreated event;
    private List<Topic> topics;

    @Setup
    public void setUp() {
        var broker = new InMemoryChatBroker();
        var registry = new SessionRegistry(broker);
        var codec = new NativeEventCodec(Codecs.json(), Codecs.clock());
        dispatcher = new LocalDispatcher(registry, List.of(codec), new SimpleMeterRegistry());
        Topic room = Topic.room(1);
        for (int i = 0; i < members; i++) {
            ChatConnection c =
                    StubSockets.connection(new ChatUser(i + 1, "user" + i, "user" + i, false), Protocol.NATIVE);
            registry.register(c);
            registry.subscribe(c, room);
        }
        topics = List.of(room);
        event = new RoomMessageCreated(
                42,
                1,
                1,
                "user0",
                "BM|0|1|123456789|xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
                Instant.now(),
                null);
    }

    @Benchmark
    public void dispatchToRoom() {
        dispatcher.deliver(event, topics);
    }
}
