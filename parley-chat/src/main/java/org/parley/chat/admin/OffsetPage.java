package org.parley.chat.admin;

import java.util.List;

/**
 * One page of a list read with LIMIT/OFFSET (one row more than the page is read to learn {@link #hasNext}).
 *
 * @param page zero-based page number
 */
public record OffsetPage<T>(List<T> items, int page, int size, boolean hasNext) {

    public boolean hasPrevious() {
        return page > 0;
    }

    /** Cuts the extra row read to learn whether there is a next page. */
    public static <T> OffsetPage<T> of(List<T> rows, int page, int size) {
        boolean more = rows.size() > size;
        return new OffsetPage<>(more ? List.copyOf(rows.subList(0, size)) : List.copyOf(rows), page, size, more);
    }

    public long offset() {
        return (long) page * size;
    }
}
