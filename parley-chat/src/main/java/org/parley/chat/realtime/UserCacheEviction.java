package org.parley.chat.realtime;

import java.util.Collection;
import org.parley.chat.broker.Topic;
import org.parley.chat.event.ChatEvent;
import org.parley.chat.event.UserChanged;
import org.parley.chat.event.UserDeactivated;
import org.parley.chat.user.ChatUserCache;

/**
 * Keeps this node's {@link ChatUserCache} honest: a user the host changed or deactivated on any node is
 * dropped here (both events are also published to {@link Topic#everyNode()}, which every node listens to),
 * and when the link to the other nodes comes back everything is dropped, since events may have been
 * missed while it was down.
 */
public class UserCacheEviction implements SubscriptionPolicy {

    private final ChatUserCache cache;

    public UserCacheEviction(ChatUserCache cache) {
        this.cache = cache;
    }

    @Override
    public void opened(ChatConnection connection) {}

    @Override
    public void reached(ChatEvent event, Collection<Topic> topics) {
        if (event instanceof UserChanged changed) {
            cache.evict(changed.username());
        } else if (event instanceof UserDeactivated deactivated) {
            cache.evict(deactivated.username());
        }
    }

    @Override
    public void linkChanged(boolean up) {
        if (up) {
            cache.clear();
        }
    }
}
