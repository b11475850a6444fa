package org.parley.chat.realtime;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.parley.chat.broker.ChatBroker;
import org.parley.chat.broker.Topic;
import org.parley.chat.dialog.DialogService;
import org.parley.chat.message.MessageService;
import org.parley.chat.presence.PresenceService;
import org.parley.chat.room.RoomProperties;
import org.parley.chat.support.TokenBuckets;
import org.parley.chat.system.ChatClock;
import org.parley.chat.system.ParleyProperties;
import org.parley.chat.user.ChatUserCache;
import org.parley.chat.user.ChatUserDirectory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import tools.jackson.databind.json.JsonMapper;

/** The sockets: registry, dispatcher, codecs, heartbeat and the native endpoint. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSocket
public class RealtimeConfiguration {

    @Bean
    SessionRegistry parleySessionRegistry(ChatBroker broker) {
        return new SessionRegistry(broker);
    }

    @Bean
    NativeEventCodec parleyNativeEventCodec(JsonMapper json, ChatClock clock, ObjectProvider<RoomProperties> rooms) {
        RoomProperties settings = rooms.getIfAvailable();
        return new NativeEventCodec(json, clock, settings == null || settings.notifyEnterLeave());
    }

    @Bean
    LocalDispatcher parleyLocalDispatcher(
            SessionRegistry registry,
            List<EventCodec> codecs,
            MeterRegistry meters,
            ChatBroker broker,
            ObjectProvider<SubscriptionPolicy> policies) {
        var dispatcher = new LocalDispatcher(
                registry, codecs, meters, policies.orderedStream().toList());
        broker.deliverTo(dispatcher);
        // With or without sockets, every node hears what all nodes must know (see Topic.everyNode()).
        broker.subscribe(Topic.everyNode());
        return dispatcher;
    }

    @Bean
    UserCacheEviction parleyUserCacheEviction(ChatUserCache cache) {
        return new UserCacheEviction(cache);
    }

    /** Closing and pinging a socket can wait on its client; that happens here, never on a sender's thread. */
    @Bean(destroyMethod = "shutdown")
    ExecutorService parleySocketCloser() {
        return Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "parley-socket-io");
            t.setDaemon(true);
            return t;
        });
    }

    @Bean
    ChatSockets parleyChatSockets(
            SessionRegistry registry,
            PresenceService presence,
            ChatBroker broker,
            ParleyProperties properties,
            ExecutorService parleySocketCloser,
            MeterRegistry meters,
            ObjectProvider<SubscriptionPolicy> policies) {
        meters.gauge("parley.connections", registry, SessionRegistry::size);
        return new ChatSockets(
                registry,
                presence,
                broker,
                properties,
                parleySocketCloser,
                policies.orderedStream().toList());
    }

    /** Sockets' frames keep their users' HTTP logins alive ({@code parley.websocket.login-refresh-interval}). */
    @Bean
    LoginSessions parleyLoginSessions(ParleyProperties properties, ListableBeanFactory beans) {
        return new LoginSessions(properties.websocket().loginRefreshInterval(), () -> SpringSessionRefresh.of(beans));
    }

    @Bean
    Heartbeat parleyHeartbeat(SessionRegistry registry, ParleyProperties properties) {
        return new Heartbeat(registry, properties.websocket().pingInterval());
    }

    /** Sockets are closed with 1001 at shutdown, while the database and broker are still there. */
    @Bean
    SocketShutdown parleySocketShutdown(SessionRegistry registry, ParleyProperties properties) {
        return new SocketShutdown(registry, properties.websocket().sendTimeLimit());
    }

    @Bean
    NativeChatHandler parleyNativeChatHandler(
            ChatSockets sockets,
            ChatUserDirectory users,
            MessageService messages,
            DialogService dialogs,
            PresenceService presence,
            NativeEventCodec codec,
            JsonMapper json,
            ParleyProperties properties,
            ObjectProvider<NativeCommands> extensions) {
        var limits = properties.rateLimit();
        return new NativeChatHandler(
                sockets,
                users,
                messages,
                dialogs,
                presence,
                codec,
                json,
                new TokenBuckets(limits.framesPerSecond(), limits.frameBurst()),
                extensions.orderedStream().toList());
    }

    @Bean
    ChatEndpoint parleyNativeEndpoint(NativeChatHandler handler, ParleyProperties properties, LoginSessions logins) {
        return (WebSocketHandlerRegistry registry) -> registry.addHandler(
                        new WholeMessages(handler, (int)
                                properties.websocket().maxFrameSize().toBytes()),
                        properties.websocket().path())
                .addInterceptors(new AuthenticatedHandshake(), new LoginSessionHandshake(logins))
                .setAllowedOrigins(properties.websocket().allowedOrigins().toArray(String[]::new));
    }

    /**
     * Before Spring Security (whose login checks may query the database) and everything else: see
     * {@link SocketOpenLimiter}.
     */
    @Bean
    FilterRegistrationBean<SocketOpenLimiter> parleySocketOpenLimiter(
            ParleyProperties properties, MeterRegistry meters) {
        var settings = properties.websocket();
        var limiter = new SocketOpenLimiter(settings.concurrentOpens(), settings.openWait());
        meters.gauge("parley.connections.opening.waiting", limiter, SocketOpenLimiter::waiting);
        var registration = new FilterRegistrationBean<>(limiter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** Small receive buffers per socket; {@link WholeMessages} puts longer frames together up to the limit. */
    @Bean
    WebSocketContainerLimits parleyWebSocketContainerLimits(ParleyProperties properties) {
        var settings = properties.websocket();
        return new WebSocketContainerLimits((int) Math.min(
                settings.receiveBufferSize().toBytes(), settings.maxFrameSize().toBytes()));
    }
}
