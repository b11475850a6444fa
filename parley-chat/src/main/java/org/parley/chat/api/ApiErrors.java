package org.parley.chat.api;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.parley.chat.support.ChatException;
import org.parley.chat.support.ErrorCode;
import org.parley.chat.support.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Errors of every {@link ParleyApi} controller as RFC 9457 problem details ({@code application/problem+json})
 * with the stable {@link ErrorCode} in {@code code}, a message safe to show in {@code detail}, and for
 * invalid input the fields in {@code errors}. Never a stack trace.
 */
@RestControllerAdvice(annotations = ParleyApi.class)
public class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    private final MessageSource messages;

    public ApiErrors(MessageSource messages) {
        this.messages = messages;
    }

    /** The HTTP status an error code is answered with. */
    public static HttpStatus statusOf(ErrorCode code) {
        if (code == ErrorCode.NOT_FOUND || code.name().endsWith("_NOT_FOUND")) {
            return HttpStatus.NOT_FOUND;
        }
        if (code == ErrorCode.TOKEN_INVALID) {
            return HttpStatus.UNAUTHORIZED;
        }
        if (code == ErrorCode.FORBIDDEN
                || code == ErrorCode.NOT_LOGGED_IN
                || code == ErrorCode.ROOM_ACCESS_DENIED
                || code == ErrorCode.USER_MUTED) {
            return HttpStatus.FORBIDDEN;
        }
        if (code == ErrorCode.NOT_ALLOWED_ON_SELF) {
            return HttpStatus.CONFLICT;
        }
        if (code == ErrorCode.RATE_LIMITED) {
            return HttpStatus.TOO_MANY_REQUESTS;
        }
        if (code == ErrorCode.UNAVAILABLE) {
            return HttpStatus.SERVICE_UNAVAILABLE;
        }
        if (code == ErrorCode.INTERNAL_ERROR) {
            return HttpStatus.INTERNAL_SERVER_ERROR;
        }
        return HttpStatus.BAD_REQUEST;
    }

    /** A problem body for {@code code}; also used by the server's security handlers. */
    public static ProblemDetail problem(ErrorCode code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(statusOf(code), detail);
        problem.setProperty("code", code.code());
        return problem;
    }

    @ExceptionHandler(InvalidInputException.class)
    ProblemDetail invalid(InvalidInputException e, Locale locale) {
        ProblemDetail problem = problem(e.code(), e.getMessage());
        Map<String, String> errors = new LinkedHashMap<>();
        e.fieldErrors().forEach((field, key) -> errors.put(field, messages.getMessage(key, null, key, locale)));
        problem.setProperty("errors", errors);
        return problem;
    }

    @ExceptionHandler(ChatException.class)
    ProblemDetail refused(ChatException e) {
        return problem(e.code(), e.getMessage());
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ProblemDetail missing(MissingServletRequestParameterException e) {
        return problem(ErrorCode.MISSING_FIELD, "The parameter '" + e.getParameterName() + "' is missing.");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail mismatch(MethodArgumentTypeMismatchException e) {
        return problem(ErrorCode.WRONG_FIELD_TYPE, "The value of '" + e.getName() + "' has the wrong type.");
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        return problem(ErrorCode.BAD_JSON, "The request body is not the JSON this endpoint expects.");
    }

    @ExceptionHandler(DataAccessException.class)
    ProblemDetail database(DataAccessException e) {
        log.error("Database failure in the API: {}", e.toString());
        return problem(ErrorCode.UNAVAILABLE, "The chat is unavailable right now; try again.");
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        if (e instanceof ErrorResponse web) {
            // Spring's own web errors (405, 415, 404 for an unknown path, ...) keep their status.
            HttpStatusCode status = web.getStatusCode();
            ErrorCode code = status.value() == 404
                    ? ErrorCode.NOT_FOUND
                    : status.value() == 403 ? ErrorCode.FORBIDDEN : ErrorCode.INVALID_INPUT;
            ProblemDetail problem =
                    ProblemDetail.forStatusAndDetail(status, web.getBody().getDetail());
            problem.setProperty("code", code.code());
            return problem;
        }
        log.error("Unexpected failure in the API", e);
        return problem(ErrorCode.INTERNAL_ERROR, "Something went wrong on the server.");
    }
}
