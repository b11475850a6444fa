package org.parley.chat.admin;

import jakarta.servlet.http.HttpServletResponse;
import org.parley.chat.api.ApiErrors;
import org.parley.chat.support.ChatException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * Refusals on admin pages: the admin error page with the status the API would give (403 for non-staff,
 * 404 for an unknown id) and a translated explanation ({@code parley.error.<code>}, as the chat pages say it).
 */
@ControllerAdvice(annotations = AdminPage.class)
public class AdminPageErrors {

    @ExceptionHandler(ChatException.class)
    String refused(ChatException e, HttpServletResponse response, Model model) {
        response.setStatus(ApiErrors.statusOf(e.code()).value());
        model.addAttribute("errorKey", "parley.error." + e.code().code());
        model.addAttribute("status", response.getStatus());
        return "parley/admin/error";
    }
}
