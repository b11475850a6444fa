package org.parley.chat.user;

import java.util.List;
import org.parley.chat.broker.ChatBroker;
import org.parley.chat.broker.Topic;
import org.parley.chat.event.UserDeactivated;
import org.parley.chat.support.AfterCommit;

/**
 * Ends a user's chat connections on every node. The host calls {@link #deactivated} after it deactivated the
 * user in its own user store (the directory then no longer finds them, so new sockets are refused too).
 */
public class UserSessionService {

    private final ChatBroker broker;

    public UserSessionService(ChatBroker broker) {
        this.broker = broker;
    }

    /**
     * Closes every socket of the user ({@link ChatUserIds} gives the id of a user the directory no longer
     * finds), on every node, with close code 4003 (account disabled). Published
     * after the caller's transaction commits, so a rolled-back deactivation closes nothing.
     */
    public void deactivated(long userId, String username) {
        AfterCommit.run(() -> broker.publish(new UserDeactivated(userId, username), List.of(Topic.user(userId))));
    }
}
