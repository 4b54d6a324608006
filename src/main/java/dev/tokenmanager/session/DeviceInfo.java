package dev.tokenmanager.session;

/** The device a session runs on, as parsed from its User-Agent: e.g. {@code Desktop}, {@code Linux}, {@code Chrome 131}. */
public record DeviceInfo(String type, String os, String browser) {

    /** What is shown when nothing could be parsed. */
    public static final DeviceInfo UNKNOWN = new DeviceInfo("Unknown", "Unknown", "Unknown");

    /** A short name for a session that has none: {@code Chrome 131 on Linux}. */
    public String displayName() {
        return browser + " on " + os;
    }
}
