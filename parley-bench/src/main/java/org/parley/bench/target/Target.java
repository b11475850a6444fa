package org.parley.bench.target;

import java.util.List;
import org.parley.bench.wire.BenchUser;
import org.parley.bench.wire.Wire;

/** A server under test, started by the bench on CPU 0. */
public interface Target extends AutoCloseable {

    /** Short name for the table, e.g. {@code parley-pg}, {@code bare}. */
    String name();

    void start() throws Exception;

    long pid();

    int port();

    Wire wire();

    /** {@code count} users ready to connect (logged in where the server has accounts). */
    List<BenchUser> users(int count) throws Exception;

    /** Creates a room for a scenario; returns its id where the server numbers rooms, else -1. */
    default long createRoom(String name) throws Exception {
        return -1;
    }

    /** Asks the server to collect garbage before a memory reading, where it can (the JVM); no-op otherwise. */
    default void collectGarbage() {}

    /**
     * Other processes that do the server's work and share its priority while measuring: the database's
     * processes for a server that stores to PostgreSQL.
     */
    default long[] helperPids() {
        return new long[0];
    }

    /** Starts a JFR recording of the measured window (Java servers); no-op otherwise. */
    default void startProfile() {}

    /** Stops the window's recording and writes it to {@code file}. */
    default void stopProfile(java.nio.file.Path file) {}

    /** Seconds from process start to the first page (or accepted connection), or NaN. */
    double startupSeconds();

    @Override
    void close();
}
