package org.parley.chat.realtime;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.parley.chat.event.MessageCreated;
import org.parley.chat.event.RoomMessageCreated;

/** Encoding one event into native frame text (done once per event and protocol, whatever the fan-out). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EncodeBenchmark {

    private static final String TEXT = "BM|0|1|123456789|xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";

    private NativeEventCodec codec;
    private MessageCreated dialogMessage;
    private RoomMessageCreated roomMessage;

    @Setup
    public void setUp() {
        codec = new NativeEventCodec(Codecs.json(), Codecs.clock());
        Instant now = Instant.now();
        dialogMessage = new MessageCreated(42, 7, 1, "alice", 2, "bob", TEXT, now, "client-1");
        roomMessage = new RoomMessageCreated(43, 3, 1, "alice", TEXT, now, null);
    }

    @Benchmark
    public String dialogMessage() {
        return codec.encode(dialogMessage);
    }

    @Benchmark
    public String roomMessage() {
        return codec.encode(roomMessage);
    }
}
