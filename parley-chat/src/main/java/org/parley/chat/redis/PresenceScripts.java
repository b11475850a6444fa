package org.parley.chat.redis;

/**
 * The presence store's Lua scripts. Each runs atomically in Redis, which is what makes "this call made
 * the user online/offline" true for exactly one caller across all nodes. Times come from Redis's own
 * clock ({@code TIME}), so the nodes' clocks do not matter.
 *
 * <p>Keys (P = prefix): {@code P presence:leases} sorted set node to lease end (ms); {@code P
 * presence:node:<node>} set of {@code <userId>|<connectionId>} a node holds; {@code P presence:user:<id>}
 * set of a user's connection ids on all nodes (absent = offline). Keys are built inside the scripts, so
 * this needs one Redis server (or Sentinel), not Redis Cluster.
 */
final class PresenceScripts {

    private PresenceScripts() {}

    private static final String NOW = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            """;

    /**
     * KEYS: leases, node set, user set. ARGV: node, lease ms, {@code uid|conn}, conn. Returns {first
     * connection of the user (1/0), the node's lease still existed (1/0)}.
     */
    static final LuaScript CONNECT = new LuaScript(NOW + """
            local had = redis.call('ZSCORE', KEYS[1], ARGV[1])
            redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
            redis.call('SADD', KEYS[2], ARGV[3])
            local added = redis.call('SADD', KEYS[3], ARGV[4])
            local first = 0
            if added == 1 and redis.call('SCARD', KEYS[3]) == 1 then first = 1 end
            local leased = 0
            if had then leased = 1 end
            return {first, leased}
            """);

    /** KEYS: node set, user set. ARGV: {@code uid|conn}, conn. Returns 1 if it was the user's last one. */
    static final LuaScript DISCONNECT = new LuaScript("""
            redis.call('SREM', KEYS[1], ARGV[1])
            if redis.call('SREM', KEYS[2], ARGV[2]) == 1 and redis.call('SCARD', KEYS[2]) == 0 then
              return 1
            end
            return 0
            """);

    /** KEYS: leases. ARGV: node, lease ms. Renews the lease; returns 1 if it had lapsed (been reaped). */
    static final LuaScript RENEW = new LuaScript(NOW + """
            return redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
            """);

    /**
     * KEYS: leases. ARGV: prefix, most nodes to reap. Removes the entries of nodes whose lease ended and
     * returns the ids of the users that left without any connection: each such user is returned by exactly
     * one run on one node.
     */
    static final LuaScript REAP = new LuaScript(NOW + """
            local dead = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[2]))
            local lapsed = {}
            for _, node in ipairs(dead) do
              local nodeKey = ARGV[1] .. 'presence:node:' .. node
              for _, entry in ipairs(redis.call('SMEMBERS', nodeKey)) do
                local sep = string.find(entry, '|', 1, true)
                local userKey = ARGV[1] .. 'presence:user:' .. string.sub(entry, 1, sep - 1)
                if redis.call('SREM', userKey, string.sub(entry, sep + 1)) == 1
                    and redis.call('SCARD', userKey) == 0 then
                  table.insert(lapsed, string.sub(entry, 1, sep - 1))
                end
              end
              redis.call('DEL', nodeKey)
              redis.call('ZREM', KEYS[1], node)
            end
            return lapsed
            """);

    /**
     * KEYS: leases, node set. ARGV: prefix, node, lease ms, then every {@code uid|conn} the node holds now.
     * Makes Redis agree with the node (after an outage, or after others reaped it), renews its lease (a
     * lease ms of 0 removes it: the node leaves), and returns {users now online, users now offline}.
     */
    static final LuaScript SYNC = new LuaScript(NOW + """
            local want = {}
            for i = 4, #ARGV do want[ARGV[i]] = true end
            local stale = {}
            for _, entry in ipairs(redis.call('SMEMBERS', KEYS[2])) do
              if not want[entry] then table.insert(stale, entry) end
            end
            local online, offline = {}, {}
            -- Adds before removals, so a user who only moved between connections is neither.
            for entry in pairs(want) do
              local sep = string.find(entry, '|', 1, true)
              local userKey = ARGV[1] .. 'presence:user:' .. string.sub(entry, 1, sep - 1)
              redis.call('SADD', KEYS[2], entry)
              if redis.call('SADD', userKey, string.sub(entry, sep + 1)) == 1
                  and redis.call('SCARD', userKey) == 1 then
                table.insert(online, string.sub(entry, 1, sep - 1))
              end
            end
            for _, entry in ipairs(stale) do
              local sep = string.find(entry, '|', 1, true)
              local userKey = ARGV[1] .. 'presence:user:' .. string.sub(entry, 1, sep - 1)
              redis.call('SREM', KEYS[2], entry)
              if redis.call('SREM', userKey, string.sub(entry, sep + 1)) == 1
                  and redis.call('SCARD', userKey) == 0 then
                table.insert(offline, string.sub(entry, 1, sep - 1))
              end
            end
            if tonumber(ARGV[3]) > 0 then
              redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[2])
            else
              redis.call('ZREM', KEYS[1], ARGV[2])
            end
            return {online, offline}
            """);

    /** ARGV: prefix, user ids. Returns the ids that have at least one connection. */
    static final LuaScript ONLINE_AMONG = new LuaScript("""
            local online = {}
            for i = 2, #ARGV do
              if redis.call('EXISTS', ARGV[1] .. 'presence:user:' .. ARGV[i]) == 1 then
                table.insert(online, ARGV[i])
              end
            end
            return online
            """);
}
