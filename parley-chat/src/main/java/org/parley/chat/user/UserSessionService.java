package org.parley.chat.user;

import java.util.List;
import org.parley.chat.broker.ChatBroker;
import org.parley.chat.broker.Topic;
import org.parley.chat.event.UserChanged;
import org.parley.chat.event.UserDeactivated;
import org.parley.chat.support.AfterCommit;

/**
 * What the host tells the chat about its users. It calls {@link #deactivated} after it deactivated a user in
 * its own user store (the directory then no longer finds them, so new sockets are refused too), and
 * {@link #changed} after anything else the directory reports changed (the staff flag, the display name), so
 * that every node drops its cached copy ({@link ChatUserCache}) at once rather than when it expires.
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
        AfterCommit.run(() ->
                broker.publish(new UserDeactivated(userId, username), List.of(Topic.user(userId), Topic.everyNode())));
    }

    /** Every node forgets what it cached about the user; published after the caller's transaction commits. */
    public void changed(long userId, String username) {
        AfterCommit.run(() -> broker.publish(new UserChanged(userId, username), List.of(Topic.everyNode())));
    }
}
