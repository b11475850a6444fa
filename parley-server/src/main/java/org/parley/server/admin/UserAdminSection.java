package org.parley.server.admin;

import org.parley.chat.admin.AdminSection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts the server's user admin first in the chat library's admin navigation. Accounts live here, not in the
 * library (which has no user table): an application embedding the library brings its own user admin.
 */
@Configuration(proxyBeanMethods = false)
class UserAdminSection {

    @Bean
    AdminSection parleyAdminUsersSection() {
        return new AdminSection("users", "parley.admin.nav.users", "/admin/users", 10);
    }
}
