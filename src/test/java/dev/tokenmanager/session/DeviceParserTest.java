package dev.tokenmanager.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DeviceParserTest {

    private static DeviceParser parser;

    @BeforeAll
    static void build() {
        parser = new DeviceParser();
    }

    @Test
    void desktopChromeOnLinux() {
        DeviceInfo device = parser.parse("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
                + " Chrome/131.0.0.0 Safari/537.36");
        assertThat(device).isEqualTo(new DeviceInfo("Desktop", "Linux", "Chrome 131"));
        assertThat(device.displayName()).isEqualTo("Chrome 131 on Linux");
    }

    @Test
    void iphoneSafari() {
        DeviceInfo device = parser.parse("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15"
                + " (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1");
        assertThat(device.type()).isEqualTo("Phone");
        assertThat(device.os()).isEqualTo("iOS 17");
        assertThat(device.browser()).isEqualTo("Safari 17");
    }

    @Test
    void missingOrGarbageUserAgentIsUnknownNotAnError() {
        assertThat(parser.parse(null)).isEqualTo(DeviceInfo.UNKNOWN);
        assertThat(parser.parse("  ")).isEqualTo(DeviceInfo.UNKNOWN);
        assertThat(parser.parse("<script>alert(1)</script>").browser()).isNotNull();
    }

    @Test
    void longUserAgentIsBounded() {
        assertThat(DeviceParser.bound("x".repeat(10_000))).hasSize(DeviceParser.MAX_USER_AGENT_LENGTH);
        assertThat(parser.parse("Mozilla/5.0 " + "x".repeat(10_000))).isNotNull();
    }
}
