package org.parley.chat.privatechat;

import org.parley.chat.broker.ChatBroker;
import org.parley.chat.dialog.DialogService;
import org.parley.chat.message.MessageService;
import org.parley.chat.presence.PresenceService;
import org.parley.chat.realtime.ChatEndpoint;
import org.parley.chat.realtime.ChatSockets;
import org.parley.chat.realtime.LoginSessionHandshake;
import org.parley.chat.realtime.LoginSessions;
import org.parley.chat.realtime.SocketPort;
import org.parley.chat.realtime.WholeMessages;
import org.parley.chat.support.TokenBuckets;
import org.parley.chat.system.ChatClock;
import org.parley.chat.system.ParleyProperties;
import org.parley.chat.system.ParleySchema;
import org.parley.chat.user.ChatUserDirectory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.LogoutConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * The django-private-chat compatibility endpoint: chat tokens, the socket at
 * {@code {base}{session_key}/{opponent}}, its codec, the session API and the compatibility page.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(name = "parley.private-chat.enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(PrivateChatProperties.class)
@Import({PrivateChatSessionController.class, PrivateChatPageController.class, SeparateChatPortConfiguration.class})
public class PrivateChatConfiguration {

    @Bean
    ChatTokenService parleyChatTokenService(
            ParleySchema schema,
            JdbcClient jdbc,
            ChatBroker broker,
            ChatClock clock,
            PrivateChatProperties properties) {
        return new ChatTokenService(new ChatTokenRepository(jdbc), broker, clock, properties.tokenTtl());
    }

    @Bean
    ChatTokenLogoutHandler parleyChatTokenLogoutHandler(ObjectProvider<ChatTokenService> tokens) {
        return new ChatTokenLogoutHandler(tokens);
    }

    /**
     * Logging out ends the session's chat tokens, in the standalone server and in a host application alike:
     * Spring Security applies {@code Customizer<LogoutConfigurer>} beans to every {@code HttpSecurity} it hands
     * to a filter chain's bean method.
     */
    @Bean
    Customizer<LogoutConfigurer<HttpSecurity>> parleyChatTokenLogout(ChatTokenLogoutHandler handler) {
        return logout -> logout.addLogoutHandler(handler);
    }

    @Bean
    PrivateChatEventCodec parleyPrivateChatEventCodec(JsonMapper json, ChatClock clock) {
        return new PrivateChatEventCodec(json, clock);
    }

    @Bean
    PrivateChatAddress parleyPrivateChatAddress(
            PrivateChatProperties properties,
            ObjectProvider<SeparateChatPort> separatePort,
            ObjectProvider<SocketPort> socketPort) {
        return new PrivateChatAddress(properties, separatePort, socketPort);
    }

    @Bean
    PrivateChatHandler parleyPrivateChatHandler(
            ChatSockets sockets,
            ChatUserDirectory users,
            MessageService messages,
            DialogService dialogs,
            PresenceService presence,
            JsonMapper json,
            ParleyProperties parley) {
        var limits = parley.rateLimit();
        return new PrivateChatHandler(
                sockets,
                users,
                messages,
                dialogs,
                presence,
                json,
                new TokenBuckets(limits.framesPerSecond(), limits.frameBurst()));
    }

    @Bean
    ChatEndpoint parleyPrivateChatEndpoint(
            PrivateChatHandler handler,
            PrivateChatProperties properties,
            ChatTokenService tokens,
            ChatUserDirectory users,
            DialogService dialogs,
            ParleyProperties parley,
            LoginSessions logins) {
        var handshake = new PrivateChatHandshake(properties.basePath(), tokens, users, dialogs);
        var whole = new WholeMessages(
                handler, (int) parley.websocket().maxFrameSize().toBytes());
        return (WebSocketHandlerRegistry registry) -> registry.addHandler(whole, properties.handlerPattern())
                .addInterceptors(handshake, new LoginSessionHandshake(logins))
                .setAllowedOrigins(properties.allowedOrigins().toArray(String[]::new));
    }
}
