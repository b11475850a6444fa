package org.parley.chat.api;

import jakarta.servlet.http.HttpServletRequest;
import org.parley.chat.support.ErrorCode;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * An unknown path under {@code /api/} answers like every API error (a problem with code {@code not-found}),
 * not with an HTML or Boot error page. Paths outside {@code /api/} are left to the application.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ApiNotFound {

    @ExceptionHandler(NoResourceFoundException.class)
    ProblemDetail notFound(NoResourceFoundException e, HttpServletRequest request) throws NoResourceFoundException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!path.startsWith("/api/")) {
            // Rethrowing the same exception hands it on to Spring's default handling.
            throw e;
        }
        return ApiErrors.problem(ErrorCode.NOT_FOUND, "There is no such API endpoint.");
    }
}
