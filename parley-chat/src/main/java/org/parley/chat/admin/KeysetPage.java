package org.parley.chat.admin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * One page of a list read newest first by id (keyset paging: no OFFSET, so the last page costs what the
 * first does). Follow {@link #olderCursor} with {@code before=}, {@link #newerCursor} with {@code after=}.
 *
 * @param items newest first
 * @param olderCursor the id to pass as {@code before} for the next older page, or null if there is none
 * @param newerCursor the id to pass as {@code after} for the next newer page, or null if there is none
 */
public record KeysetPage<T>(List<T> items, Long olderCursor, Long newerCursor) {

    /**
     * Builds a page from at most {@code size + 1} rows read with a cursor: newest first for {@code before}
     * (or no cursor), oldest first for {@code after}.
     */
    public static <T> KeysetPage<T> of(List<T> rows, int size, Long before, Long after, ToLongFunction<T> id) {
        boolean more = rows.size() > size;
        List<T> page = new ArrayList<>(more ? rows.subList(0, size) : rows);
        if (after != null) {
            Collections.reverse(page);
        }
        if (page.isEmpty()) {
            // Nothing here: offer the way back to where the reader came from.
            return new KeysetPage<>(List.of(), after, before);
        }
        long newest = id.applyAsLong(page.get(0));
        long oldest = id.applyAsLong(page.get(page.size() - 1));
        boolean older = after != null || more;
        boolean newer = after != null ? more : before != null;
        return new KeysetPage<>(List.copyOf(page), older ? oldest : null, newer ? newest : null);
    }
}
