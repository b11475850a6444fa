package org.parley.bench.target;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.parley.bench.wire.BareWire;
import org.parley.bench.wire.BenchUser;
import org.parley.bench.wire.SocketIoWire;
import org.parley.bench.wire.Wire;

/** One of the reference Node servers in shared/bench-peers, run with {@code node} pinned to CPU 0. */
public final class NodeTarget implements Target {

    private final String name;
    private final Path script;
    private final Path nodeModules;
    private final int port;
    private final Path log;
    private final Wire wire;
    private Process process;
    private double startup = Double.NaN;

    private NodeTarget(String name, Path script, Path nodeModules, int port, Path log, Wire wire) {
        this.name = name;
        this.script = script;
        this.nodeModules = nodeModules;
        this.port = port;
        this.log = log;
        this.wire = wire;
    }

    public static NodeTarget bare(Path peers, Path nodeModules, int port, Path workDir) {
        return new NodeTarget(
                "bare",
                peers.resolve("bare-ws-server.js"),
                nodeModules,
                port,
                workDir.resolve("bare.log"),
                new BareWire());
    }

    public static NodeTarget socketIo(Path peers, Path nodeModules, int port, Path workDir) {
        return new NodeTarget(
                "socketio",
                peers.resolve("socketio-server.js"),
                nodeModules,
                port,
                workDir.resolve("socketio.log"),
                new SocketIoWire());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void start() throws Exception {
        var builder = new ProcessBuilder("taskset", "-c", "0", "node", script.toString(), String.valueOf(port));
        builder.environment().put("NODE_PATH", nodeModules.toString());
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        long t0 = System.nanoTime();
        process = builder.start();
        long deadline = t0 + 30_000_000_000L;
        while (!accepts()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " did not start; see " + log);
            }
            Thread.sleep(20);
        }
        startup = (System.nanoTime() - t0) / 1e9;
    }

    private boolean accepts() {
        try (var socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public Wire wire() {
        return wire;
    }

    @Override
    public List<BenchUser> users(int count) {
        List<BenchUser> users = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            users.add(new BenchUser("bench" + i, null));
        }
        return users;
    }

    @Override
    public double startupSeconds() {
        return startup;
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroy();
        }
    }
}
