package org.parley.chat.support;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A redis-server of a test's own on a free port, to stop and start during a test (never the shared one).
 * parley-server's tests use it too, through this module's test jar.
 */
public final class RedisServerProcess implements AutoCloseable {

    private final int port;
    private final File log;
    private Process process;

    public RedisServerProcess() {
        this.port = freePort();
        try {
            this.log = File.createTempFile("parley-redis-" + port + "-", ".log");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A port nothing listens on at the moment of asking. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return port;
    }

    public RedisServerProcess start() {
        try {
            process = new ProcessBuilder(
                            "redis-server",
                            "--port",
                            Integer.toString(port),
                            "--bind",
                            "127.0.0.1",
                            "--save",
                            "",
                            "--appendonly",
                            "no")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
                    .start();
        } catch (IOException e) {
            throw new AssertionError("Cannot start redis-server (is it installed? see .ci/run)", e);
        }
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .ignoreExceptions()
                .until(this::accepts);
        return this;
    }

    private boolean accepts() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        }
    }

    /** Kills the server at once (its data is gone, like a crash without persistence). */
    public void stop() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    @Override
    public void close() {
        stop();
        log.delete();
    }
}
