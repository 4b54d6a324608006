package dev.tokenmanager.console;

import dev.tokenmanager.session.AdminSessionRow;
import dev.tokenmanager.session.Session;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** One row of the console's sessions table (JavaBean getters for the pages). */
public class SessionRow implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final String id;
    private final String username;
    private final String kind;
    private final String name;
    private final String deviceType;
    private final String os;
    private final String browser;
    private final String ip;
    private final String userAgent;
    private final Instant created;
    private final Instant lastSeen;
    private final Instant expires;

    SessionRow(AdminSessionRow row) {
        Session session = row.session();
        this.id = session.id();
        this.username = row.username();
        this.kind = session.kind().apiName();
        this.name = session.name();
        this.deviceType = session.device().type();
        this.os = session.device().os();
        this.browser = session.device().browser();
        this.ip = session.ip();
        this.userAgent = session.userAgent();
        this.created = session.createdAt();
        this.lastSeen = session.lastSeenAt();
        this.expires = session.expiresAt().orElse(null);
    }

    public String getId() {
        return id;
    }

    public String getUsername() {
        return username;
    }

    public String getKind() {
        return kind;
    }

    public String getName() {
        return name;
    }

    public String getDeviceType() {
        return deviceType;
    }

    public String getOs() {
        return os;
    }

    public String getBrowser() {
        return browser;
    }

    public String getIp() {
        return ip;
    }

    public String getUserAgent() {
        return userAgent;
    }

    public String getCreated() {
        return TIME.format(created);
    }

    public String getLastSeen() {
        return TIME.format(lastSeen);
    }

    public String getExpires() {
        return expires == null ? "never" : TIME.format(expires);
    }
}
