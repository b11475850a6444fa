package org.parley.chat.system;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Every {@code parley.*} setting with its default. The README's configuration reference lists the same
 * names; keep the two in step.
 *
 * @param datetimeFormat how message times are shown (java.time pattern; the original's {@code d.m.Y H:i:s})
 * @param timeZone zone used to show times; empty means the server's zone. Times are stored in UTC.
 * @param broker which {@code ChatBroker} and {@code PresenceStore} to use: {@code memory} (one node) or
 *     {@code redis} (several nodes)
 * @param redis settings of the Redis broker and presence store ({@code parley.broker=redis})
 * @param admin the staff pages under {@code /admin/**} and the JSON API under {@code /api/admin/**}
 */
@ConfigurationProperties("parley")
public record ParleyProperties(
        @DefaultValue("dd.MM.yyyy HH:mm:ss") String datetimeFormat,
        ZoneId timeZone,
        @DefaultValue("memory") String broker,
        @DefaultValue WebSocket websocket,
        @DefaultValue Messages messages,
        @DefaultValue RateLimit rateLimit,
        @DefaultValue Users users,
        @DefaultValue Redis redis,
        @DefaultValue Admin admin) {

    public ParleyProperties {
        if (!"memory".equals(broker) && !"redis".equals(broker)) {
            throw new IllegalArgumentException("parley.broker must be 'memory' or 'redis', not '" + broker + "'");
        }
    }

    public ZoneId zone() {
        return timeZone != null ? timeZone : ZoneId.systemDefault();
    }

    /**
     * @param path the native WebSocket endpoint, on the same origin and port as the pages
     * @param allowedOrigins origins allowed to open a socket besides the page's own; empty means same origin only
     * @param maxFrameSize largest inbound text frame; a bigger one closes the socket with 1009
     * @param receiveBufferSize the container's receive buffer per socket (and part size of longer frames):
     *     held by every open socket, so it sets most of an idle socket's memory
     * @param outboundBufferSize text (counted in characters) queued for one socket before it is closed as a slow
     *     consumer (4001)
     * @param sendTimeLimit how long one frame may take to reach a client before it is closed as a slow consumer
     * @param pingInterval how often every socket is pinged; one that sent nothing (no frame, no pong) for 1.5
     *     intervals is closed (4002), so a vanished browser goes offline within two intervals
     * @param concurrentOpens most WebSocket handshakes run at once on a node; the others wait their turn, so a
     *     reconnect storm queues instead of flooding the database pool. Sockets opening together share their
     *     user, chat id and room lookups, so more of them at once means fewer, larger queries, not more
     *     connections; 16 made first opens wait on the database's round trips, 64 cost a reconnect storm more
     *     CPU (docs/performance.md, "Tenth round")
     * @param openWait longest a handshake waits for its turn before it is answered 503
     * @param loginRefreshInterval how often at most a socket's frames mark the HTTP session it was opened with
     *     as used, so a user who only chats is not logged out by the session's inactivity timeout; 0 turns it off
     */
    public record WebSocket(
            @DefaultValue("/ws") String path,
            @DefaultValue List<String> allowedOrigins,
            @DefaultValue("64KB") DataSize maxFrameSize,
            @DefaultValue("512B") DataSize receiveBufferSize,
            @DefaultValue("1MB") DataSize outboundBufferSize,
            @DefaultValue("10s") Duration sendTimeLimit,
            @DefaultValue("20s") Duration pingInterval,
            @DefaultValue("32") int concurrentOpens,
            @DefaultValue("30s") Duration openWait,
            @DefaultValue("60s") Duration loginRefreshInterval) {}

    /**
     * @param maxLength most characters in one message text
     * @param pageSize messages per history page ("load older")
     * @param maxPageSize largest page a client may ask for
     * @param writeBatchSize most new messages written with one insert and one commit (group commit)
     * @param writeLanes group-commit writers working side by side, each with its own thread and database
     *     connection; a conversation always uses the same one
     * @param writeQueueCapacity most new messages waiting for each writer; more wait {@code writeQueueTimeout}
     * @param writeQueueTimeout how long a sender waits for room in a full write queue before {@code unavailable}
     */
    public record Messages(
            @DefaultValue("10000") int maxLength,
            @DefaultValue("30") int pageSize,
            @DefaultValue("200") int maxPageSize,
            @DefaultValue("500") int writeBatchSize,
            @DefaultValue("2") int writeLanes,
            @DefaultValue("10000") int writeQueueCapacity,
            @DefaultValue("2s") Duration writeQueueTimeout) {}

    /**
     * Flood limits per user on one node (token buckets).
     *
     * @param messagesPerSecond sustained rate of new messages
     * @param messageBurst messages allowed at once above the sustained rate
     * @param framesPerSecond sustained rate of frames of any kind (typing, reads, ...)
     * @param frameBurst frames allowed at once
     */
    public record RateLimit(
            @DefaultValue("10") double messagesPerSecond,
            @DefaultValue("20") int messageBurst,
            @DefaultValue("50") double framesPerSecond,
            @DefaultValue("100") int frameBurst) {}

    /**
     * @param staffAuthority the Spring Security authority that makes a host user staff
     * @param cacheTtl how long a node keeps a user the directory found ({@code ChatUserCache}); changes the host
     *     reports through {@code UserSessionService} apply at once on every node, others within this time;
     *     0 asks the directory every time
     * @param cacheSize most users a node keeps; past it the copy starts over
     */
    public record Users(
            @DefaultValue("ROLE_STAFF") String staffAuthority,
            @DefaultValue("60s") Duration cacheTtl,
            @DefaultValue("100000") int cacheSize) {}

    /**
     * The Redis broker and presence store; the server itself is {@code spring.data.redis.*}.
     *
     * @param prefix put before every Redis key and channel Parley uses, so several Parley installations (or
     *     test runs) can share one Redis
     * @param presenceTtl how long a node's presence entries live without a refresh: a node that dies stops
     *     counting its users online within this time plus a sixth of it; each node refreshes every sixth of it
     * @param commandTimeout longest wait for one Redis command; while Redis is unreachable commands fail at
     *     once instead
     * @param reconnectDelayMax the longest pause between two reconnect attempts after Redis went away
     */
    public record Redis(
            @DefaultValue("parley:") String prefix,
            @DefaultValue("30s") Duration presenceTtl,
            @DefaultValue("2s") Duration commandTimeout,
            @DefaultValue("5s") Duration reconnectDelayMax) {}

    /**
     * @param enabled whether the library serves its admin pages and admin API (a host may turn them off)
     * @param pageSize rows per page of an admin list (pages and {@code /api/admin/**})
     * @param maxPageSize largest page an admin API client may ask for
     */
    public record Admin(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("50") int pageSize,
            @DefaultValue("200") int maxPageSize) {}
}
