package dev.tokenmanager.it.support;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An HTTP answer as a client sees it: status, headers, body. */
public record Reply(int status, HttpHeaders headers, String body) {

    private static final Pattern INCIDENT = Pattern.compile("incident ([0-9a-f-]{36})");
    private static final int INCIDENT_LOG_LINES = 60;

    public JsonObject json() {
        return Json.createReader(new StringReader(body)).readObject();
    }

    public JsonArray jsonArray() {
        return Json.createReader(new StringReader(body)).readArray();
    }

    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    public String contentType() {
        return header("Content-Type");
    }

    /** The status and body; for a 500, also what the server logged about its incident (a failing test shows it). */
    @Override
    public String toString() {
        Matcher incident = INCIDENT.matcher(body == null ? "" : body);
        if (status < 500 || !incident.find()) {
            return status + " " + body;
        }
        return status + " " + body + "\nthe server logged:\n" + incidentLog(incident.group(1));
    }

    private static String incidentLog(String incident) {
        try {
            List<String> lines = Deployments.serverLogText().lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(incident)) {
                    return String.join("\n", lines.subList(i, Math.min(lines.size(), i + INCIDENT_LOG_LINES)));
                }
            }
            return "(nothing about incident " + incident + " in " + Deployments.serverLog().getParent() + ")";
        } catch (RuntimeException e) {
            return "(the server log could not be read: " + e + ")";
        }
    }
}
