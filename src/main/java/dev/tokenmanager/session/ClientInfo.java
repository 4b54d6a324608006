package dev.tokenmanager.session;

/** Where a request comes from: client address, User-Agent (bounded) and the device parsed from it. */
public record ClientInfo(String ip, String userAgent, DeviceInfo device) {
}
