package dev.tokenmanager.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Devices are recognized even when the background build of the parser never runs. */
class DeviceRecognizerTest {

    private static final String CHROME_LINUX = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36"
            + " (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    private static final DeviceInfo DESKTOP_CHROME = new DeviceInfo("Desktop", "Linux", "Chrome 131");

    @Test
    @Timeout(120)
    void aBackgroundBuildThatIsDroppedDoesNotHangTheFirstParse() {
        DeviceRecognizer recognizer = new DeviceRecognizer();
        recognizer.startBuilding(task -> {
            // accepted, never run: what a server does with a task it aborts while the application starts
        });

        assertThat(recognizer.parse(CHROME_LINUX)).isEqualTo(DESKTOP_CHROME);
    }

    @Test
    @Timeout(120)
    void aRefusedBackgroundBuildIsDoneByTheFirstParse() {
        DeviceRecognizer recognizer = new DeviceRecognizer();
        Executor refusing = task -> {
            throw new IllegalStateException("Module token-manager is disabled");
        };

        assertThatCode(() -> recognizer.startBuilding(refusing)).doesNotThrowAnyException();
        assertThat(recognizer.parse(null)).isEqualTo(DeviceInfo.UNKNOWN);
        assertThat(recognizer.parse(CHROME_LINUX)).isEqualTo(DESKTOP_CHROME);
    }
}
