package dev.tokenmanager.session;

/** What a login session is called in "your devices": its rule, in one place. */
public final class SessionNames {

    /** The longest name a session keeps (a longer device name given by the client is refused). */
    public static final int MAX_LENGTH = 128;

    private SessionNames() {
    }

    /** The session's name: {@code deviceName}, else the {@code X-Device-Model} header, else the parsed device. */
    public static String of(String deviceName, String deviceModelHeader, DeviceInfo device) {
        for (String candidate : new String[] {deviceName, deviceModelHeader}) {
            if (candidate != null && !candidate.isBlank()) {
                String trimmed = candidate.strip();
                return trimmed.length() <= MAX_LENGTH ? trimmed : trimmed.substring(0, MAX_LENGTH);
            }
        }
        return device.displayName();
    }
}
