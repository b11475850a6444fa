package org.parley.chat.room;

import org.parley.chat.broker.ChatBroker;
import org.parley.chat.message.MessageService;
import org.parley.chat.presence.PresenceStore;
import org.parley.chat.realtime.AuthenticatedHandshake;
import org.parley.chat.realtime.ChatEndpoint;
import org.parley.chat.realtime.ChatSockets;
import org.parley.chat.realtime.LoginSessionHandshake;
import org.parley.chat.realtime.LoginSessions;
import org.parley.chat.realtime.MultichatChatHandler;
import org.parley.chat.realtime.MultichatEventCodec;
import org.parley.chat.realtime.NativeEventCodec;
import org.parley.chat.realtime.NativeRoomCommands;
import org.parley.chat.realtime.RoomSubscriptions;
import org.parley.chat.realtime.SessionRegistry;
import org.parley.chat.realtime.WholeMessages;
import org.parley.chat.support.TokenBuckets;
import org.parley.chat.system.ChatClock;
import org.parley.chat.system.ParleyProperties;
import org.parley.chat.system.ParleySchema;
import org.parley.chat.user.ChatUserDirectory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rooms: their service and, in a servlet web application, the room commands of the native socket, the
 * multichat endpoint and the pages.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RoomProperties.class)
public class RoomConfiguration {

    @Bean
    RoomRepository parleyRoomRepository(ParleySchema schema, JdbcClient jdbc) {
        return new RoomRepository(jdbc);
    }

    @Bean
    RoomAccess parleyRoomAccess(RoomRepository rooms) {
        return new RoomAccess(rooms);
    }

    @Bean
    RoomService parleyRoomService(
            RoomRepository rooms,
            RoomAccess access,
            ChatUserDirectory users,
            PresenceStore presence,
            ChatBroker broker,
            ChatClock clock,
            TransactionTemplate parleyTransactions,
            ParleyProperties properties) {
        return new RoomService(rooms, access, users, presence, broker, clock, parleyTransactions, properties);
    }

    /** The socket side of rooms; it needs the realtime beans, which exist only in servlet web apps. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @Import(RoomPageController.class)
    static class Sockets {

        @Bean
        RoomSubscriptions parleyRoomSubscriptions(SessionRegistry registry, RoomService rooms) {
            return new RoomSubscriptions(registry, rooms);
        }

        @Bean
        NativeRoomCommands parleyNativeRoomCommands(
                RoomService rooms,
                MessageService messages,
                SessionRegistry registry,
                NativeEventCodec codec,
                JsonMapper json) {
            return new NativeRoomCommands(rooms, messages, registry, codec, json);
        }

        @Bean
        MultichatEventCodec parleyMultichatEventCodec(JsonMapper json, RoomProperties settings) {
            return new MultichatEventCodec(json, settings.notifyEnterLeave());
        }

        @Bean
        MultichatChatHandler parleyMultichatHandler(
                ChatSockets sockets,
                ChatUserDirectory users,
                RoomService rooms,
                MessageService messages,
                SessionRegistry registry,
                MultichatEventCodec codec,
                JsonMapper json,
                MessageSource messageSource,
                ParleyProperties properties,
                RoomProperties settings) {
            var limits = properties.rateLimit();
            return new MultichatChatHandler(
                    sockets,
                    users,
                    rooms,
                    messages,
                    registry,
                    codec,
                    json,
                    new TokenBuckets(limits.framesPerSecond(), limits.frameBurst()),
                    messageSource,
                    settings.multichatHistory());
        }

        /** Same origin only (plus {@code parley.websocket.allowed-origins}); anonymous handshakes get 403. */
        @Bean
        ChatEndpoint parleyMultichatEndpoint(
                MultichatChatHandler handler,
                ParleyProperties properties,
                RoomProperties settings,
                LoginSessions logins) {
            int maxFrame = (int) properties.websocket().maxFrameSize().toBytes();
            return registry -> registry.addHandler(new WholeMessages(handler, maxFrame), settings.multichatPath())
                    .addInterceptors(new AuthenticatedHandshake(), new LoginSessionHandshake(logins))
                    .setAllowedOrigins(properties.websocket().allowedOrigins().toArray(String[]::new));
        }
    }
}
