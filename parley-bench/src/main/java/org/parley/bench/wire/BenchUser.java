package org.parley.bench.wire;

/**
 * A user the bench connects as.
 *
 * @param name the username (Parley account, Socket.IO handshake name)
 * @param cookie the {@code Cookie} header value of the user's logged-in session, or null where the server
 *     has no login (the Node peers)
 */
public record BenchUser(String name, String cookie) {}
