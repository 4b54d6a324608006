package dev.tokenmanager.it.support;

import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.WebDriver;

/** Saves a screenshot under {@code target/screenshots/} (or the stage's folder in CI) when a browser test fails. */
public final class ScreenshotOnFailure implements TestWatcher {

    private final Supplier<WebDriver> driver;

    public ScreenshotOnFailure(Supplier<WebDriver> driver) {
        this.driver = driver;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        WebDriver current = driver.get();
        if (current != null) {
            Browser.screenshot(current, Path.of(System.getProperty("it.screenshots", "target/screenshots"),
                    context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName()
                            + ".png"));
        }
    }
}
