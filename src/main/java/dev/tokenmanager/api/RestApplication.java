package dev.tokenmanager.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The HTTP API of ../shared/API.md, under {@code /api}. */
@ApplicationPath("api")
public class RestApplication extends Application {
}
