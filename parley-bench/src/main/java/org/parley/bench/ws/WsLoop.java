package org.parley.bench.ws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Iterator;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One selector thread that drives every bench socket: connects, handshakes, reads, writes and runs the
 * scenario's timers. The load generator is pinned to one CPU, so one thread is all it can use anyway, and
 * having everything on it means scenario state needs no locks: every callback runs on this thread.
 *
 * <p>Other threads talk to the loop only through {@link #call} and {@link #execute}.
 */
public final class WsLoop implements AutoCloseable {

    private final Selector selector;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    /** Shared by every socket: bytes are parsed straight out of it; only a partial frame is copied away. */
    final ByteBuffer readBuffer = ByteBuffer.allocateDirect(4 << 20);
    /** Shared scratch space to build one outbound frame. */
    final ByteBuffer writeBuffer = ByteBuffer.allocateDirect(1 << 20);

    private final InetSocketAddress[] localAddresses;
    private int nextLocal;
    private long timerSequence;
    private volatile boolean running = true;

    /**
     * @param sourceAddresses how many loopback source addresses (127.0.0.2 and up) to spread sockets over:
     *     one address has only ~28k ephemeral ports
     */
    public WsLoop(int sourceAddresses) {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        localAddresses = new InetSocketAddress[sourceAddresses];
        for (int i = 0; i < sourceAddresses; i++) {
            localAddresses[i] = new InetSocketAddress("127.0.0." + (2 + i), 0);
        }
        thread = new Thread(this::run, "bench-loop");
        thread.setDaemon(true);
        thread.start();
    }

    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Runs {@code task} on the loop thread. */
    public void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    /** Runs {@code task} on the loop thread and waits for its result. */
    public <T> T call(Supplier<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        execute(() -> {
            try {
                result.complete(task.get());
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(10, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new IllegalStateException("loop task failed", e);
        }
    }

    /** Runs {@code task} on the loop thread at {@code atNanos} (System.nanoTime) or soon after. */
    public void at(long atNanos, Runnable task) {
        if (!inLoop()) {
            execute(() -> at(atNanos, task));
            return;
        }
        timers.add(new Timer(atNanos, timerSequence++, task));
    }

    /** Opens a socket to 127.0.0.1:{@code port} and starts the WebSocket handshake for {@code path}. */
    public WsConn connect(int port, String path, String extraHeaders, WsListener listener) {
        if (!inLoop()) {
            throw new IllegalStateException("connect on the loop thread");
        }
        WsConn conn = new WsConn(this, port, path, extraHeaders, listener);
        try {
            SocketChannel channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
            channel.bind(localAddresses[nextLocal++ % localAddresses.length]);
            SelectionKey key = channel.register(selector, SelectionKey.OP_CONNECT, conn);
            conn.attach(channel, key);
            if (channel.connect(new InetSocketAddress("127.0.0.1", port))) {
                conn.connected();
            }
        } catch (IOException e) {
            conn.fail(e);
        }
        return conn;
    }

    private void run() {
        while (running) {
            try {
                long wait = runTimers();
                if (!tasks.isEmpty()) {
                    selector.selectNow();
                } else if (wait < 0) {
                    selector.select();
                } else if (wait == 0) {
                    selector.selectNow();
                } else {
                    // select() counts whole milliseconds: round up rather than spin on selectNow().
                    selector.select((wait + 999_999) / 1_000_000);
                }
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    ((WsConn) key.attachment()).ready(key);
                }
                Runnable task;
                while ((task = tasks.poll()) != null) {
                    task.run();
                }
            } catch (IOException | RuntimeException e) {
                System.err.println("bench loop: " + e);
                e.printStackTrace();
            }
        }
    }

    /** Runs due timers; returns nanos until the next one, or -1 if none. */
    private long runTimers() {
        long now = System.nanoTime();
        Timer next;
        while ((next = timers.peek()) != null && next.at - now <= 0) {
            timers.poll();
            next.task.run();
            now = System.nanoTime();
        }
        return next == null ? -1 : Math.max(0, next.at - now);
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(5_000);
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
            selector.close();
        } catch (IOException | InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Timer(long at, long sequence, Runnable task) implements Comparable<Timer> {
        @Override
        public int compareTo(Timer other) {
            int byTime = Long.compare(at - other.at, 0);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }
}
