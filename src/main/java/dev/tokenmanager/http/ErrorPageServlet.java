package dev.tokenmanager.http;

import dev.tokenmanager.persistence.DatabaseFailures;
import jakarta.faces.application.ProtectedViewException;
import jakarta.faces.application.ViewExpiredException;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The container's error pages (see web.xml), answered as problems instead of HTML with server details. */
@WebServlet(name = "ErrorPage", urlPatterns = "/error-page")
public class ErrorPageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value && value >= 400 ? value : 500;
        if (response.isCommitted()) {
            return;
        }
        response.reset();
        Throwable error = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (error != null && DatabaseFailures.isDatabaseUnavailable(error)) {
            ProblemResponses.writeDatabaseUnavailable(response);
            return;
        }
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ViewExpiredException) {
                // The console page outlived its view state (session timeout): load it afresh.
                response.sendRedirect(String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI)));
                return;
            }
            if (cause instanceof ProtectedViewException) {
                ProblemResponses.write(response, Problem.of(403, "protected-view",
                        "Open this console page through the console's own links."));
                return;
            }
        }
        ProblemResponses.write(response, Problem.ofStatus(status));
    }
}
