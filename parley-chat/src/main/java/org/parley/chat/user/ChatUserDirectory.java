package org.parley.chat.user;

import java.util.List;
import java.util.Optional;

/**
 * The only way the chat reaches users (Django's {@code get_user_model()} analog). The default
 * implementation adapts the host's Spring Security {@code UserDetailsService}; a host may declare its own
 * bean instead.
 *
 * <p>Implementations are thread-safe. An inactive or unknown user is {@link Optional#empty()}.
 */
public interface ChatUserDirectory {

    Optional<ChatUser> findByUsername(String username);

    Optional<ChatUser> findById(long id);

    /** Users whose username starts with {@code prefix} (case-insensitive), at most {@code limit}, by username. */
    List<ChatUser> search(String prefix, int limit);
}
