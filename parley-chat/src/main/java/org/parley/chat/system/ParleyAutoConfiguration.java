package org.parley.chat.system;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.parley.chat.admin.AdminConfiguration;
import org.parley.chat.api.ApiConfiguration;
import org.parley.chat.broker.ChatBroker;
import org.parley.chat.broker.InMemoryChatBroker;
import org.parley.chat.chatport.ChatPortConfiguration;
import org.parley.chat.dialog.DialogAccess;
import org.parley.chat.dialog.DialogRepository;
import org.parley.chat.dialog.DialogService;
import org.parley.chat.dialog.web.DialogPageController;
import org.parley.chat.message.MessageBatcher;
import org.parley.chat.message.MessageRepository;
import org.parley.chat.message.MessageService;
import org.parley.chat.presence.Announcer;
import org.parley.chat.presence.InMemoryPresenceStore;
import org.parley.chat.presence.PresenceAudience;
import org.parley.chat.presence.PresenceListener;
import org.parley.chat.presence.PresenceService;
import org.parley.chat.presence.PresenceStore;
import org.parley.chat.privatechat.PrivateChatConfiguration;
import org.parley.chat.realtime.RealtimeConfiguration;
import org.parley.chat.room.RoomAccess;
import org.parley.chat.room.RoomConfiguration;
import org.parley.chat.support.ClientStrings;
import org.parley.chat.user.ChatUserCache;
import org.parley.chat.user.ChatUserDirectory;
import org.parley.chat.user.ChatUserIds;
import org.parley.chat.user.UserDetailsChatUserDirectory;
import org.parley.chat.user.UserSessionService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Everything Parley adds to an application: add the {@code parley-chat} dependency and this runs. Each
 * piece backs off when the host declares its own bean of the same type.
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
            "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration"
        })
@EnableConfigurationProperties(ParleyProperties.class)
@Import({
    RealtimeConfiguration.class,
    ChatPortConfiguration.class,
    DialogPageController.class,
    PrivateChatConfiguration.class,
    RoomConfiguration.class,
    TlsConfiguration.class,
    AdminConfiguration.class,
    ApiConfiguration.class
})
public class ParleyAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ParleyAutoConfiguration.class);

    @Bean
    static ParleyMessagesPostProcessor parleyMessagesPostProcessor() {
        return new ParleyMessagesPostProcessor();
    }

    @Bean
    ClientStrings parleyClientStrings(MessageSource messageSource, JsonMapper json) {
        return new ClientStrings(messageSource, json);
    }

    @Bean
    ParleySchema parleySchema(DataSource dataSource) {
        return new ParleySchema(dataSource);
    }

    @Bean
    ChatClock parleyClock(ParleyProperties properties) {
        return new ChatClock(properties);
    }

    @Bean
    TransactionTemplate parleyTransactions(PlatformTransactionManager transactions) {
        return new TransactionTemplate(transactions);
    }

    @Bean
    ChatUserIds parleyUserIds(ParleySchema schema, JdbcClient jdbc) {
        return new ChatUserIds(jdbc);
    }

    @Bean
    @ConditionalOnMissingBean
    ChatUserDirectory parleyUserDirectory(
            UserDetailsService users, ChatUserIds ids, ParleyProperties properties, ChatUserCache cache) {
        return new UserDetailsChatUserDirectory(users, ids, properties.users().staffAuthority(), cache);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(name = "parley.broker", havingValue = "memory", matchIfMissing = true)
    ChatBroker parleyMemoryBroker() {
        log.info("Parley broker: in-memory (single node; set parley.broker=redis for several nodes)");
        return new InMemoryChatBroker();
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(name = "parley.broker", havingValue = "memory", matchIfMissing = true)
    PresenceStore parleyMemoryPresence() {
        log.info("Parley presence store: in-memory");
        return new InMemoryPresenceStore();
    }

    /** parley.broker=redis without Lettuce would otherwise fail later with a puzzling missing bean. */
    @Bean
    @ConditionalOnProperty(name = "parley.broker", havingValue = "redis")
    @ConditionalOnMissingClass("io.lettuce.core.RedisClient")
    Object parleyRedisMissing() {
        throw new IllegalStateException(
                "parley.broker=redis needs spring-boot-starter-data-redis (Lettuce) on the classpath");
    }

    /** Directories keep the users they found here; see {@link ChatUserCache}. */
    @Bean
    ChatUserCache parleyUserCache(ParleyProperties properties) {
        var settings = properties.users();
        return new ChatUserCache(settings.cacheTtl(), settings.cacheSize());
    }

    @Bean
    UserSessionService parleyUserSessions(ChatBroker broker) {
        return new UserSessionService(broker);
    }

    @Bean
    DialogRepository parleyDialogRepository(ParleySchema schema, JdbcClient jdbc) {
        return new DialogRepository(jdbc);
    }

    @Bean
    DialogAccess parleyDialogAccess(DialogRepository dialogs) {
        return new DialogAccess(dialogs);
    }

    @Bean
    DialogService parleyDialogService(
            DialogRepository dialogs,
            DialogAccess access,
            ChatUserDirectory users,
            ChatBroker broker,
            ChatClock clock) {
        return new DialogService(dialogs, access, users, broker, clock);
    }

    @Bean
    MessageRepository parleyMessageRepository(ParleySchema schema, JdbcClient jdbc) {
        return new MessageRepository(jdbc);
    }

    @Bean
    MessageService parleyMessageService(
            MessageRepository messages,
            DialogService dialogs,
            DialogAccess access,
            RoomAccess roomAccess,
            DialogRepository dialogRepository,
            ChatBroker broker,
            ChatClock clock,
            TransactionTemplate parleyTransactions,
            MessageBatcher parleyMessageWriter,
            ParleyProperties properties) {
        return new MessageService(
                messages,
                dialogs,
                access,
                roomAccess,
                dialogRepository,
                broker,
                clock,
                parleyTransactions,
                parleyMessageWriter,
                properties);
    }

    /** Group commit of new messages (docs/performance.md): one writer thread, one commit per batch. */
    @Bean(destroyMethod = "close")
    MessageBatcher parleyMessageWriter(
            ParleySchema schema,
            DataSource dataSource,
            TransactionTemplate parleyTransactions,
            ParleyProperties properties,
            ObjectProvider<MeterRegistry> meters) {
        var settings = properties.messages();
        var writer = new MessageBatcher(
                new JdbcTemplate(dataSource),
                parleyTransactions,
                settings.writeLanes(),
                settings.writeBatchSize(),
                settings.writeQueueCapacity(),
                settings.writeQueueTimeout().toMillis());
        meters.ifAvailable(m -> {
            m.gauge("parley.messages.write.queued", writer, MessageBatcher::queued);
            FunctionTimer.builder(
                            "parley.messages.write.batches",
                            writer,
                            MessageBatcher::batches,
                            MessageBatcher::writeNanos,
                            TimeUnit.NANOSECONDS)
                    .description("Group commits: one insert and one commit each")
                    .register(m);
            FunctionCounter.builder("parley.messages.written", writer, MessageBatcher::written)
                    .description("Messages the group commit has taken, in all batches")
                    .register(m);
        });
        return writer;
    }

    /**
     * The one thread that announces presence changes, in order and in batches (see {@link PresenceService},
     * whose queue of changes not yet told is the gauge {@code parley.presence.pending}). Takes the data
     * source although it does not use it: a bean is destroyed before the beans it depends on,
     * so at shutdown the queued "offline" announcements (their audience queries) drain while the database
     * pool is still open, instead of each failing with a warning.
     */
    @Bean(destroyMethod = "shutdown")
    Announcer parleyPresenceAnnouncer(DataSource dataSource) {
        return Announcer.ownThread("parley-presence");
    }

    @Bean
    PresenceService parleyPresenceService(
            PresenceStore store,
            List<PresenceAudience> audiences,
            ChatBroker broker,
            ObjectProvider<PresenceListener> listeners,
            Announcer parleyPresenceAnnouncer,
            ObjectProvider<MeterRegistry> meters) {
        var presence = new PresenceService(
                store, audiences, broker, listeners.orderedStream().toList(), parleyPresenceAnnouncer);
        meters.ifAvailable(m -> m.gauge("parley.presence.pending", presence, PresenceService::pending));
        return presence;
    }
}
