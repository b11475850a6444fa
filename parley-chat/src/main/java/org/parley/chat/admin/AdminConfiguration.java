package org.parley.chat.admin;

import java.util.List;
import org.parley.chat.message.MessageService;
import org.parley.chat.presence.PresenceService;
import org.parley.chat.room.RoomService;
import org.parley.chat.system.ChatClock;
import org.parley.chat.system.ParleySchema;
import org.parley.chat.user.ChatUserDirectory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The admin for chat data (dialogs, messages, rooms, audit log): pages under {@code /admin/**} and JSON under
 * {@code /api/admin/**}, all behind {@link StaffGuard}. Users and accounts are the host's business (the
 * standalone server adds its own user admin to the same navigation). Off with {@code parley.admin.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "parley.admin.enabled", havingValue = "true", matchIfMissing = true)
@Import({
    AdminHomeController.class,
    AdminDialogPageController.class,
    AdminMessagePageController.class,
    AdminAuditPageController.class,
    AdminRoomPageController.class,
    AdminRoomApi.class,
    AdminDialogApi.class,
    AdminMessageApi.class,
    AdminAuditApi.class,
    AdminPageErrors.class
})
public class AdminConfiguration {

    /** Every path the staff check covers, pages and API. */
    public static final String[] GUARDED_PATHS = {"/admin", "/admin/**", "/api/admin", "/api/admin/**"};

    @Bean
    AuditLog parleyAuditLog(ParleySchema schema, JdbcClient jdbc, ChatClock clock) {
        return new AuditLog(jdbc, clock);
    }

    @Bean
    AdminDialogs parleyAdminDialogs(ParleySchema schema, JdbcClient jdbc) {
        return new AdminDialogs(jdbc);
    }

    @Bean
    AdminMessages parleyAdminMessages(ParleySchema schema, JdbcClient jdbc) {
        return new AdminMessages(jdbc);
    }

    @Bean
    MessageModeration parleyMessageModeration(
            MessageService messages, AuditLog audit, TransactionTemplate parleyTransactions) {
        return new MessageModeration(messages, audit, parleyTransactions);
    }

    @Bean
    AdminRooms parleyAdminRooms(ParleySchema schema, JdbcClient jdbc, PresenceService presence) {
        return new AdminRooms(jdbc, presence);
    }

    @Bean
    RoomAdministration parleyRoomAdministration(
            RoomService rooms, AuditLog audit, TransactionTemplate parleyTransactions) {
        return new RoomAdministration(rooms, audit, parleyTransactions);
    }

    @Bean
    AdminSection parleyAdminRoomsSection() {
        return new AdminSection("rooms", "parley.admin.nav.rooms", "/admin/rooms", 20);
    }

    @Bean
    AdminSection parleyAdminDialogsSection() {
        return new AdminSection("dialogs", "parley.admin.nav.dialogs", "/admin/dialogs", 30);
    }

    @Bean
    AdminSection parleyAdminMessagesSection() {
        return new AdminSection("messages", "parley.admin.nav.messages", "/admin/messages", 40);
    }

    @Bean
    AdminSection parleyAdminAuditSection() {
        return new AdminSection("audit", "parley.admin.nav.audit", "/admin/audit", 90);
    }

    @Bean
    StaffGuard parleyStaffGuard(ChatUserDirectory users, ObjectProvider<AdminSection> sections) {
        return new StaffGuard(users, sections.orderedStream().toList());
    }

    @Bean
    WebMvcConfigurer parleyAdminGuard(StaffGuard guard) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(guard).addPathPatterns(List.of(GUARDED_PATHS));
            }
        };
    }
}
