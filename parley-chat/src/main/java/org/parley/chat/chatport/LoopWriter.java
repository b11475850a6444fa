package org.parley.chat.chatport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.AttributeKey;
import io.netty.util.internal.PlatformDependent;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands frames written from other threads to one I/O thread in batches. A frame delivered to 1,000 sockets
 * would otherwise be 1,000 tasks for the I/O thread, each with its own wake-up; here the sender only adds
 * to a queue, the I/O thread takes everything queued in one task, writes it, and flushes each socket once,
 * so frames that piled up for one socket leave in one system call.
 */
final class LoopWriter {

    /**
     * {@code queued}: the socket's bytes waiting here, which count against its outbound limit too. A write
     * without bytes is the socket's {@code last} write, run on the I/O thread in its turn (the close frame).
     */
    private record Write(Channel channel, ByteBuf bytes, AtomicLong queued, Runnable last) {}

    /** Set on a channel once its last write ran: bytes still queued for it are dropped. */
    private static final AttributeKey<Boolean> FINISHED = AttributeKey.valueOf(LoopWriter.class, "finished");

    private final EventLoop loop;
    private final Queue<Write> pending = PlatformDependent.newMpscQueue();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final List<Channel> written = new ArrayList<>();
    private final Runnable drain = this::drain;

    LoopWriter(EventLoop loop) {
        this.loop = loop;
    }

    void write(Channel channel, ByteBuf bytes, AtomicLong queued) {
        queued.addAndGet(bytes.readableBytes());
        enqueue(new Write(channel, bytes, queued, null));
    }

    /**
     * Runs {@code last} on the I/O thread after every write queued before it (so after their bytes); bytes
     * queued after it are never written.
     */
    void finish(Channel channel, Runnable last) {
        enqueue(new Write(channel, null, null, last));
    }

    private void enqueue(Write write) {
        pending.add(write);
        if (scheduled.compareAndSet(false, true)) {
            loop.execute(drain);
        }
    }

    private void drain() {
        scheduled.set(false);
        Write w;
        while ((w = pending.poll()) != null) {
            Channel channel = w.channel();
            if (w.last() != null) {
                channel.attr(FINISHED).set(Boolean.TRUE);
                w.last().run();
                continue;
            }
            w.queued().addAndGet(-w.bytes().readableBytes());
            if (!channel.isActive() || channel.hasAttr(FINISHED)) {
                w.bytes().release();
                continue;
            }
            channel.write(w.bytes(), channel.voidPromise());
            if (written.isEmpty() || written.get(written.size() - 1) != channel) {
                written.add(channel);
            }
        }
        for (Channel channel : written) {
            channel.flush();
        }
        written.clear();
    }
}
