package dev.tokenmanager.http;

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
        ProblemResponses.write(response, Problem.ofStatus(status));
    }
}
