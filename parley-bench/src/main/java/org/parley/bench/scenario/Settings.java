package org.parley.bench.scenario;

/**
 * Knobs shared by the scenarios (command-line options of the bench).
 *
 * @param warmupSeconds traffic before the measured window (JIT, pools, caches), at least
 * @param warmupMaxSeconds the longest a warm-up goes on while the server's JIT compilers are still busy
 * @param seconds length of the measured window
 * @param connectWindow most WebSocket handshakes in progress at once while opening many sockets
 * @param messagePadding length of each message text (the reference figures used ~70-byte messages)
 * @param profileDir where to write a JFR recording of each measured window of a Java server, or null
 * @param realtime raise the server and the load generator to real-time priority while measuring
 */
public record Settings(
        double warmupSeconds,
        double warmupMaxSeconds,
        double seconds,
        int connectWindow,
        int messagePadding,
        java.nio.file.Path profileDir,
        boolean realtime) {}
