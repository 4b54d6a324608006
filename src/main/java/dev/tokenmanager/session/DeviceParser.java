package dev.tokenmanager.session;

import nl.basjes.parse.useragent.UserAgent;
import nl.basjes.parse.useragent.UserAgentAnalyzer;

/**
 * Parses User-Agent strings into {@link DeviceInfo} with yauaa. The analyzer is built once, with only the fields
 * used, and caches its results. Building it takes seconds: build one and share it.
 */
public final class DeviceParser {

    /** The longest User-Agent kept and parsed. */
    public static final int MAX_USER_AGENT_LENGTH = 512;

    private static final String UNKNOWN_VALUE = "??";

    private final UserAgentAnalyzer analyzer;

    public DeviceParser() {
        this.analyzer = UserAgentAnalyzer.newBuilder()
                .withFields(UserAgent.DEVICE_CLASS, UserAgent.OPERATING_SYSTEM_NAME,
                        UserAgent.OPERATING_SYSTEM_NAME_VERSION_MAJOR, UserAgent.AGENT_NAME_VERSION_MAJOR)
                .withCache(10_000)
                .hideMatcherLoadStats()
                .immediateInitialization()
                .build();
    }

    /** The device of {@code userAgent} (null or blank: {@link DeviceInfo#UNKNOWN}). */
    public DeviceInfo parse(String userAgent) {
        String bounded = bound(userAgent);
        if (bounded == null || bounded.isBlank()) {
            return DeviceInfo.UNKNOWN;
        }
        UserAgent.ImmutableUserAgent parsed = analyzer.parse(bounded);
        String type = known(parsed.getValue(UserAgent.DEVICE_CLASS));
        String osName = known(parsed.getValue(UserAgent.OPERATING_SYSTEM_NAME));
        String osVersion = known(parsed.getValue(UserAgent.OPERATING_SYSTEM_NAME_VERSION_MAJOR));
        // "Linux ??" says nothing more than "Linux"; "Windows 10" says more than "Windows NT".
        String os = osVersion != null && !osVersion.contains(UNKNOWN_VALUE) ? osVersion : osName;
        String browser = known(parsed.getValue(UserAgent.AGENT_NAME_VERSION_MAJOR));
        return new DeviceInfo(orUnknown(type), orUnknown(os), orUnknown(browser));
    }

    /** {@code userAgent} cut to {@link #MAX_USER_AGENT_LENGTH} characters. */
    public static String bound(String userAgent) {
        if (userAgent == null || userAgent.length() <= MAX_USER_AGENT_LENGTH) {
            return userAgent;
        }
        return userAgent.substring(0, MAX_USER_AGENT_LENGTH);
    }

    private static String known(String value) {
        if (value == null || value.isBlank() || value.startsWith(UNKNOWN_VALUE) || value.startsWith("Unknown")) {
            return null;
        }
        return value.length() <= 64 ? value : value.substring(0, 64);
    }

    private static String orUnknown(String value) {
        return value == null ? "Unknown" : value;
    }
}
