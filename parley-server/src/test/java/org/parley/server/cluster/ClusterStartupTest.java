package org.parley.server.cluster;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.parley.chat.support.RedisServerProcess;
import org.parley.server.ParleyServerApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

class ClusterStartupTest {

    @Test
    void aNodeWhoseRedisIsUnreachableRefusesToStartAndSaysWhy() {
        int nobody = RedisServerProcess.freePort();
        assertThatThrownBy(() -> new SpringApplicationBuilder(ParleyServerApplication.class)
                        .run(
                                "--server.port=0",
                                "--parley.websocket.chat-port.port=",
                                "--parley.broker=redis",
                                "--spring.data.redis.host=127.0.0.1",
                                "--spring.data.redis.port=" + nobody,
                                "--spring.datasource.url=jdbc:h2:mem:startup;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"))
                .hasStackTraceContaining("parley.broker=redis, but Redis at 127.0.0.1:" + nobody)
                .hasStackTraceContaining("is unreachable");
    }
}
