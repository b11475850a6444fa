package org.parley.server.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.parley.chat.api.ApiErrors;
import org.parley.chat.support.ErrorCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes refusals of the security layer (before any controller runs) in the same problem-detail shape as
 * {@link ApiErrors}, so an API client sees one error format.
 */
final class ProblemWriter {

    private final JsonMapper json;

    ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    void write(HttpServletResponse response, ErrorCode code, String detail) throws IOException {
        ProblemDetail problem = ApiErrors.problem(code, detail);
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        var body = json.createObjectNode()
                .put("type", "about:blank")
                .put("title", problem.getTitle())
                .put("status", problem.getStatus())
                .put("detail", detail)
                .put("code", code.code());
        response.getWriter().write(json.writeValueAsString(body));
    }
}
