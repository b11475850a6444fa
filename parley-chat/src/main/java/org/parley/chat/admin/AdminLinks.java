package org.parley.chat.admin;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.util.UriComponentsBuilder;

/** Links for admin pages: the current list with another cursor or page, and safe "back" targets. */
public final class AdminLinks {

    private AdminLinks() {}

    /**
     * The current list page (path and parameters, relative) with {@code name} set to {@code value} and the
     * parameters {@code remove} dropped; null when {@code value} is null (no such page).
     */
    public static String with(HttpServletRequest request, String name, Object value, String... remove) {
        if (value == null) {
            return null;
        }
        UriComponentsBuilder builder = builder(request);
        for (String r : remove) {
            builder.replaceQueryParam(r);
        }
        return builder.replaceQueryParam(name, value).encode().build().toUriString();
    }

    /** The current list page as a "back" target for forms on the page. */
    public static String current(HttpServletRequest request) {
        return builder(request).encode().build().toUriString();
    }

    private static UriComponentsBuilder builder(HttpServletRequest request) {
        var builder = UriComponentsBuilder.fromPath(request.getRequestURI());
        // List pages are GETs: their parameters are the filters and the cursor.
        request.getParameterMap().forEach((key, values) -> builder.queryParam(key, (Object[]) values));
        return builder;
    }

    /**
     * Where to go after a form: {@code back} when it is an admin page of this application (never another
     * site), else {@code fallback}.
     */
    public static String redirectBack(HttpServletRequest request, String back, String fallback) {
        String prefix = request.getContextPath() + "/admin/";
        boolean safe = back != null
                && back.startsWith(prefix)
                && !back.contains("//")
                && !back.contains("\\")
                && back.chars().noneMatch(Character::isISOControl);
        return "redirect:" + (safe ? back.substring(request.getContextPath().length()) : fallback);
    }
}
