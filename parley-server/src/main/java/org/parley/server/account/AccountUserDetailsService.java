package org.parley.server.account;

import java.util.ArrayList;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Login against the account table. Staff get ROLE_STAFF, which the chat reads as its staff flag. */
@Service
public class AccountUserDetailsService implements UserDetailsService {

    private final AccountRepository accounts;

    public AccountUserDetailsService(AccountRepository accounts) {
        this.accounts = accounts;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        Account account =
                accounts.findByUsername(username).orElseThrow(() -> new UsernameNotFoundException("no such account"));
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority("ROLE_USER"));
        if (account.staff()) {
            authorities.add(new SimpleGrantedAuthority("ROLE_STAFF"));
        }
        return User.withUsername(account.username())
                .password(account.passwordHash())
                .disabled(!account.active())
                .authorities(authorities)
                .build();
    }
}
