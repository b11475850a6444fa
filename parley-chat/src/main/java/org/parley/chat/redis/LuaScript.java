package org.parley.chat.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A Lua script run by its SHA-1 (EVALSHA), sent in full only when Redis does not know it yet. */
final class LuaScript {

    private final String source;
    private final String sha;

    LuaScript(String source) {
        this.source = source;
        try {
            this.sha = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    <T> T run(RedisCommands<String, String> redis, ScriptOutputType type, String[] keys, String... args) {
        try {
            return (T) redis.evalsha(sha, type, keys, args);
        } catch (RedisNoScriptException e) {
            // Redis restarted (or flushed its script cache) since this script last ran.
            return (T) redis.eval(source, type, keys, args);
        }
    }
}
