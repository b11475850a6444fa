package org.parley.chat.admin;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Builds the WHERE clause of an admin list from the filters that are set; values are always bound. */
final class Where {

    private final StringBuilder sql = new StringBuilder();
    private final Map<String, Object> params = new LinkedHashMap<>();

    /** Adds {@code condition} (using {@code :name}) when {@code value} is not null. */
    Where and(String condition, String name, Object value) {
        if (value == null) {
            return this;
        }
        sql.append(sql.length() == 0 ? " where " : " and ").append(condition);
        params.put(name, value);
        return this;
    }

    /** Adds a condition without a value. */
    Where and(String condition) {
        sql.append(sql.length() == 0 ? " where " : " and ").append(condition);
        return this;
    }

    Where range(String column, TimeRange range, String name) {
        if (range == null) {
            return this;
        }
        if (range.from() != null) {
            and(
                    column + " >= :" + name + "From",
                    name + "From",
                    OffsetDateTime.ofInstant(range.from(), ZoneOffset.UTC));
        }
        if (range.until() != null) {
            and(
                    column + " < :" + name + "Until",
                    name + "Until",
                    OffsetDateTime.ofInstant(range.until(), ZoneOffset.UTC));
        }
        return this;
    }

    /** Adds a case-insensitive "contains" match on {@code column}. */
    Where contains(String column, String text, String name) {
        if (text == null || text.isBlank()) {
            return this;
        }
        return and(
                "lower(" + column + ") like :" + name,
                name,
                "%" + escapeLike(text.trim().toLowerCase()) + "%");
    }

    String sql() {
        return sql.toString();
    }

    JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement) {
        params.forEach(statement::param);
        return statement;
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
