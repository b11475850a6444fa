package org.parley.chat.realtime;

import java.util.Map;
import org.parley.chat.system.ChatClock;
import org.parley.chat.system.ParleyProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import tools.jackson.databind.json.JsonMapper;

/** The codec dependencies as the application builds them, with every {@code parley.*} default. */
final class Codecs {

    private Codecs() {}

    static JsonMapper json() {
        return JsonMapper.builder().build();
    }

    static ChatClock clock() {
        ParleyProperties properties =
                new Binder(new MapConfigurationPropertySource(Map.of())).bindOrCreate("parley", ParleyProperties.class);
        return new ChatClock(properties);
    }
}
