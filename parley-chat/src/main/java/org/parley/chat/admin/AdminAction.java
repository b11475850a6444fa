package org.parley.chat.admin;

/**
 * Every kind of staff action the audit log records. The {@link #code()} is stored and shown (translated as
 * {@code parley.admin.action.<code>}); never rename one.
 */
public enum AdminAction {
    USER_CREATED("user.created"),
    USER_STAFF_SET("user.staff-set"),
    USER_STAFF_UNSET("user.staff-unset"),
    USER_MUTED("user.muted"),
    USER_UNMUTED("user.unmuted"),
    USER_DEACTIVATED("user.deactivated"),
    USER_ACTIVATED("user.activated"),
    USER_PASSWORD_RESET("user.password-reset"),
    API_TOKEN_CREATED("token.created"),
    API_TOKEN_REVOKED("token.revoked"),
    ROOM_CREATED("room.created"),
    ROOM_RENAMED("room.renamed"),
    ROOM_STAFF_ONLY_SET("room.staff-only-set"),
    ROOM_STAFF_ONLY_UNSET("room.staff-only-unset"),
    ROOM_DELETED("room.deleted"),
    MESSAGE_REMOVED("message.removed"),
    MESSAGE_RESTORED("message.restored");

    private final String code;

    AdminAction(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
