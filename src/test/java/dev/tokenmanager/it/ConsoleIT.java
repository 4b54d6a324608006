package dev.tokenmanager.it;

import static dev.tokenmanager.it.support.ProblemAssert.assertInvalidToken;
import static dev.tokenmanager.it.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmanager.it.support.Api;
import dev.tokenmanager.it.support.Api.Tokens;
import dev.tokenmanager.it.support.Api.User;
import dev.tokenmanager.it.support.Browser;
import dev.tokenmanager.it.support.Deployments;
import dev.tokenmanager.it.support.LogoutReceiver;
import dev.tokenmanager.it.support.Reply;
import dev.tokenmanager.it.support.SingleServerIT;
import dev.tokenmanager.it.support.ScreenshotOnFailure;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The admin console in a real browser (headless Chromium), against the WAR on Payara Micro. */
class ConsoleIT extends SingleServerIT {

    private static WebDriver driver;

    @RegisterExtension
    static final ScreenshotOnFailure SCREENSHOTS = new ScreenshotOnFailure(() -> driver);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.tokenManager("ConsoleIT", Map.of());
    }

    @BeforeAll
    static void startBrowser() {
        driver = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @BeforeEach
    void setUp() {
        driver.manage().deleteAllCookies();
    }

    /**
     * Waits up to 20 s; elements replaced by an Ajax update meanwhile are looked up again. Chromium reports an element
     * replaced while its text is read either as a stale element or as an "unknown error" ("Node with given id does
     * not belong to the document"), so any WebDriver failure during the wait is retried; one that lasts the whole
     * wait fails the test as its cause.
     */
    private WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.ignoring(WebDriverException.class);
        return wait;
    }

    private void open(String path) {
        driver.get(api.uri(path).toString());
    }

    private void signIn(String username, String password) {
        open("/admin/login.xhtml");
        driver.findElement(By.id("login:username")).sendKeys(username);
        driver.findElement(By.id("login:password")).sendKeys(password);
        driver.findElement(By.id("login:submit")).click();
    }

    private void signInAsAdmin() {
        signIn("admin", Deployments.adminPassword());
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("sessions:table")));
    }

    /** Types into the table's user filter and waits for the table to show only that user's rows. */
    private void filterByUser(String username) {
        WebElement filter = driver.findElement(By.cssSelector("[id='sessions:table:user:filter']"));
        filter.clear();
        filter.sendKeys(username);
        waiting().until(d -> rows().stream().allMatch(row -> row.getText().contains(username))
                && !rows().isEmpty() && !rows().get(0).getText().contains("No active sessions"));
    }

    private List<WebElement> rows() {
        return driver.findElements(By.cssSelector("[id='sessions:table_data'] > tr"));
    }

    private void confirm() {
        WebElement yes = waiting().until(ExpectedConditions.elementToBeClickable(
                By.cssSelector(".ui-confirm-dialog .ui-confirmdialog-yes")));
        yes.click();
        waiting().until(ExpectedConditions.invisibilityOf(yes));
    }

    @Test
    void adminSeesASessionWithItsParsedDeviceAndFiltersByUser() {
        User user = api.createUser("console");
        Tokens tokens = api.loginOk(user.username(), user.password(), Api.CHROME_LINUX);
        User other = api.createUser("someone-else");
        api.loginOk(other.username(), other.password(), Api.SAFARI_IPHONE);

        signInAsAdmin();

        assertThat(Long.parseLong(driver.findElement(By.id("sessions:active-count")).getText())).isGreaterThan(2);
        assertThat(Long.parseLong(driver.findElement(By.id("sessions:users-count")).getText())).isGreaterThan(1);
        assertThat(driver.findElement(By.cssSelector("[id='sessions:device-chart'] canvas")).isDisplayed()).isTrue();
        String docs = System.getProperty("it.docs");
        if (docs != null) {
            Browser.screenshot(driver, Path.of(docs, "console-sessions.png"));
        }
        filterByUser(user.username());

        assertThat(rows()).hasSize(1);
        String row = rows().get(0).getText();
        assertThat(row).contains(user.username(), "login", "Chrome 131 on Linux", "Desktop", "Linux", "Chrome 131",
                "127.0.0.1");
        assertThat(row).doesNotContain(other.username());
        assertThat(api.get("/api/me", tokens.access()).status()).isEqualTo(200);
    }

    @Test
    void filtersByKindDeviceTypeAndAddress() {
        User user = api.createUser("filtered");
        Tokens phone = api.loginOk(user.username(), user.password(), Api.SAFARI_IPHONE);
        api.request("POST", "/api/tokens").bearer(phone.access()).userAgent(Api.CHROME_LINUX)
                .json("{\"name\":\"build\"}").send();
        signInAsAdmin();
        filterByUser(user.username());
        assertThat(rows()).hasSize(2);

        choose("sessions:table:kind-filter", "token");
        waiting().until(d -> rows().size() == 1 && rows().get(0).getText().contains("build"));
        choose("sessions:table:kind-filter", "All");
        waiting().until(d -> rows().size() == 2);

        choose("sessions:table:device-filter", "Phone");
        waiting().until(d -> rows().size() == 1 && rows().get(0).getText().contains("Safari 17"));
        choose("sessions:table:device-filter", "All");
        waiting().until(d -> rows().size() == 2);

        WebElement ip = driver.findElement(By.cssSelector("[id='sessions:table:ip:filter']"));
        ip.sendKeys("10.");
        waiting().until(d -> rows().size() == 1 && rows().get(0).getText().contains("No active sessions"));
        ip.clear();
        ip.sendKeys("127.0.");
        waiting().until(d -> rows().size() == 2);
    }

    /** Picks {@code label} in a PrimeFaces select menu. */
    private void choose(String menuId, String label) {
        driver.findElement(By.id(menuId)).click();
        WebElement panel = waiting().until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[id='" + menuId + "_panel']")));
        waiting().until(d -> "1".equals(panel.getCssValue("opacity")));
        panel.findElement(By.cssSelector("li[data-label='" + label + "']")).click();
        waiting().until(ExpectedConditions.invisibilityOf(panel));
    }

    @Test
    void revokingASessionInTheConsoleStopsItsToken() {
        User user = api.createUser("revokee");
        Tokens tokens = api.loginOk(user.username(), user.password(), Api.FIREFOX_WINDOWS);
        Tokens other = api.loginOk(user.username(), user.password(), Api.SAFARI_IPHONE);
        signInAsAdmin();
        filterByUser(user.username());
        assertThat(rows()).hasSize(2);

        WebElement row = rows().stream().filter(r -> r.getText().contains("Firefox 133")).findFirst().orElseThrow();
        row.findElement(By.cssSelector("[id$=':revoke']")).click();
        confirm();

        waiting().until(d -> rows().size() == 1);
        assertInvalidToken(api.get("/api/me", tokens.access()));
        assertThat(api.get("/api/me", other.access()).status()).isEqualTo(200);
        assertThat(driver.findElement(By.id("messages")).getText()).contains("revoked");
    }

    @Test
    void revokingAllOfAUserStopsEveryTokenOfTheirs() {
        User user = api.createUser("everything");
        Tokens laptop = api.loginOk(user.username(), user.password(), Api.CHROME_LINUX);
        Tokens phone = api.loginOk(user.username(), user.password(), Api.SAFARI_IPHONE);
        String named = api.postJson("/api/tokens", laptop.access(), Json.createObjectBuilder().add("name", "ci")
                .build()).json().getString("token");
        signInAsAdmin();
        filterByUser(user.username());

        rows().get(0).findElement(By.cssSelector("[id$=':revoke-user']")).click();
        confirm();

        waiting().until(d -> rows().size() == 1 && rows().get(0).getText().contains("No active sessions"));
        assertInvalidToken(api.get("/api/me", laptop.access()));
        assertInvalidToken(api.get("/api/me", phone.access()));
        assertInvalidToken(api.get("/api/me", named));
    }

    @Test
    void deactivatingAUserInTheConsoleLocksThemOut() {
        User user = api.createUser("locked");
        Tokens tokens = api.loginOk(user.username(), user.password(), Api.CHROME_LINUX);
        signInAsAdmin();
        driver.findElement(By.id("nav-users")).click();
        WebElement filter = waiting().until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("[id^='users:table:'][id$=':filter']")));
        filter.sendKeys(user.username());
        waiting().until(d -> userRows().size() == 1 && userRows().get(0).getText().contains(user.username()));

        userRows().get(0).findElement(By.cssSelector("[id$=':deactivate']")).click();
        confirm();

        waiting().until(d -> !userRows().get(0).findElements(By.cssSelector("[id$=':reactivate']")).isEmpty());
        assertThat(userRows().get(0).getText()).contains("deactivated");
        assertInvalidToken(api.get("/api/me", tokens.access()));
        assertProblem(api.login(user.username(), user.password(), null), 401);
    }

    private List<WebElement> userRows() {
        return driver.findElements(By.cssSelector("[id='users:table_data'] > tr"));
    }

    @Test
    void nonAdminsCannotSignIn() {
        User user = api.createUser("not-an-admin");

        signIn(user.username(), user.password());

        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"),
                "Only administrators"));
        assertThat(driver.getCurrentUrl()).contains("/admin/login.xhtml");
        assertThat(driver.manage().getCookieNamed("tm_console")).isNull();
        open("/admin/");
        assertThat(driver.getCurrentUrl()).contains("/admin/login.xhtml");
    }

    @Test
    void wrongPasswordIsRefused() {
        signIn("admin", "not the admin password");
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "wrong"));
        assertThat(driver.manage().getCookieNamed("tm_console")).isNull();
    }

    @Test
    void markupInAUserAgentIsShownAsTextAndNeverRuns() {
        User user = api.createUser("xss");
        String hostile = "<script>window.__xss=1</script><img src=x onerror=\"window.__xss=2\">";
        api.loginOk(user.username(), user.password(), hostile);
        signInAsAdmin();

        filterByUser(user.username());

        assertThat(rows().get(0).getText()).contains(hostile);
        assertThat(((JavascriptExecutor) driver).executeScript("return window.__xss === undefined")).isEqualTo(true);
        assertThat(driver.findElements(By.cssSelector("[id='sessions:table_data'] img"))).isEmpty();
    }

    @Test
    void consoleCookieIsHttpOnlyStrictAndDiesWithTheSession() {
        signInAsAdmin();
        Cookie cookie = driver.manage().getCookieNamed("tm_console");
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo("Strict");
        assertThat(cookie.getPath()).isEqualTo("/admin");
        assertThat(((JavascriptExecutor) driver).executeScript("return document.cookie")).asString()
                .doesNotContain("tm_console");

        driver.findElement(By.id("session-form:logout")).click();

        waiting().until(ExpectedConditions.urlContains("/admin/login.xhtml"));
        Reply replay = api.request("GET", "/admin/index.xhtml").header("Cookie", "tm_console=" + cookie.getValue())
                .send();
        assertThat(replay.status()).isEqualTo(302);
        assertThat(replay.header("Location")).endsWith("/admin/login.xhtml");
    }

    @Test
    void revokingTheConsoleSessionFromTheApiSignsTheAdminOut() {
        signInAsAdmin();
        String admin = api.loginAdmin().access();
        List<JsonObject> consoles = api.get("/api/admin/sessions?username=admin&kind=login&size=500", admin).json()
                .getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(s -> s.getString("name").equals("Admin console")).toList();
        assertThat(consoles).isNotEmpty();

        for (JsonObject console : consoles) {
            assertThat(api.delete("/api/admin/sessions/" + console.getString("id"), admin).status()).isEqualTo(204);
        }

        driver.navigate().refresh();
        waiting().until(ExpectedConditions.urlContains("/admin/login.xhtml"));
    }

    @Test
    void consolePagesAreNeverCachedAndCarryAStrictPolicy() {
        signInAsAdmin();
        String cookie = "tm_console=" + driver.manage().getCookieNamed("tm_console").getValue();

        Reply page = api.request("GET", "/admin/index.xhtml").header("Cookie", cookie).send();

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Cache-Control")).isEqualTo("no-store");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'self'", "frame-ancestors 'none'",
                "object-src 'none'").containsPattern("script-src 'self' 'nonce-[A-Za-z0-9+/=]+'")
                .doesNotContain("unsafe-eval");
        Reply login = api.request("GET", "/admin/login.xhtml").send();
        assertThat(login.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void protectedPagesOpenOnlyThroughTheConsolesLinks() {
        signInAsAdmin();
        String cookie = "tm_console=" + driver.manage().getCookieNamed("tm_console").getValue();

        assertThat(api.request("GET", "/admin/users.xhtml").header("Cookie", cookie).send().status()).isEqualTo(403);

        driver.findElement(By.id("nav-users")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("users:table")));
    }

    @Test
    void rotatingTheKeyInTheConsolePublishesANewKey() {
        signInAsAdmin();
        List<String> before = kids();
        driver.findElement(By.id("nav-keys")).click();
        waiting().until(ExpectedConditions.elementToBeClickable(By.id("keys:rotate"))).click();
        confirm();

        waiting().until(d -> kids().size() == before.size() + 1);
        String newest = kids().stream().filter(kid -> !before.contains(kid)).findFirst().orElseThrow();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("keys:table"), newest));
        assertThat(driver.findElement(By.id("keys:table")).getText()).contains("active", "retired");
    }

    private List<WebElement> tableRows(String table) {
        return driver.findElements(By.cssSelector("[id='" + table + ":table_data'] > tr"));
    }

    private WebElement clientRow(String clientId) {
        return waiting().until(d -> tableRows("clients").stream().filter(r -> r.getText().contains(clientId))
                .findFirst().orElse(null));
    }

    private void openClients() {
        driver.findElement(By.id("nav-clients")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("clients:table")));
    }

    private Reply loginWithClient(User user, String clientId, String secret) {
        JsonObject body = secret == null
                ? Json.createObjectBuilder().add("username", user.username()).add("password", user.password())
                        .add("client_id", clientId).build()
                : Json.createObjectBuilder().add("username", user.username()).add("password", user.password())
                        .add("client_id", clientId).add("client_secret", secret).build();
        return api.request("POST", "/api/auth/login").json(body.toString()).send();
    }

    @Test
    void registeringAClientShowsItsSecretOnce() {
        User user = api.createUser("client-console");
        String clientId = "console-" + UUID.randomUUID().toString().substring(0, 8);
        signInAsAdmin();
        openClients();

        driver.findElement(By.id("create:new-client-id")).sendKeys(clientId);
        driver.findElement(By.id("create:new-name")).sendKeys("Console app");
        driver.findElement(By.id("create:new-redirect-uris")).sendKeys("https://app.example.com/callback");
        driver.findElement(By.id("create:new-logout-uri")).sendKeys("https://app.example.com/backchannel-logout");
        driver.findElement(By.cssSelector("[id='create:new-with-secret'] .ui-chkbox-box")).click();
        driver.findElement(By.id("create:create-client")).click();

        String secret = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("secret-value")))
                .getText();
        assertThat(secret).matches("tmcs_[A-Za-z0-9_-]{43}");
        assertThat(driver.findElement(By.id("secret-client")).getText()).isEqualTo(clientId);
        assertThat(clientRow(clientId).getText()).contains("Console app", "https://app.example.com/callback",
                "https://app.example.com/backchannel-logout", "yes", "active");
        assertThat(loginWithClient(user, clientId, secret).status()).isEqualTo(200);
        assertProblem(loginWithClient(user, clientId, null), 401);

        openClients();
        clientRow(clientId);
        assertThat(driver.findElements(By.id("secret-value"))).isEmpty();
        assertThat(driver.getPageSource()).doesNotContain(secret);
    }

    @Test
    void anInvalidClientIsRefusedWithItsReason() {
        signInAsAdmin();
        openClients();

        driver.findElement(By.id("create:new-client-id")).sendKeys("console-bad");
        driver.findElement(By.id("create:new-logout-uri")).sendKeys("http://app.example.com/logout");
        driver.findElement(By.id("create:create-client")).click();

        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "https"));
        assertProblem(api.get("/api/admin/clients/console-bad", api.loginAdmin().access()), 404);
    }

    @Test
    void deactivatingAClientSignsItsSessionsOutAndShowsTheLogout() {
        User user = api.createUser("client-off");
        String clientId = "console-" + UUID.randomUUID().toString().substring(0, 8);
        String admin = api.loginAdmin().access();
        try (LogoutReceiver front = LogoutReceiver.start(api, clientId)) {
            assertThat(api.postJson("/api/admin/clients", admin, Json.createObjectBuilder().add("client_id", clientId)
                    .add("backchannel_logout_uri", front.uri()).build()).status()).isEqualTo(201);
            Tokens tokens = Tokens.of(loginWithClient(user, clientId, null).json());
            signInAsAdmin();
            openClients();

            clientRow(clientId).findElement(By.cssSelector("[id$=':deactivate']")).click();
            confirm();

            waiting().until(d -> clientRow(clientId).getText().contains("deactivated"));
            assertInvalidToken(api.get("/api/me", tokens.access()));
            assertProblem(loginWithClient(user, clientId, null), 400);
            waiting().until(d -> !front.of(tokens.sessionId()).isEmpty());
            driver.findElement(By.id("deliveries:refresh")).click();
            waiting().until(d -> tableRows("deliveries").stream().anyMatch(r -> r.getText().contains(clientId)
                    && r.getText().contains(tokens.sessionId()) && r.getText().contains("delivered")
                    && r.getText().contains("HTTP 200")));

            clientRow(clientId).findElement(By.cssSelector("[id$=':delete']")).click();
            confirm();

            waiting().until(d -> tableRows("clients").stream().noneMatch(r -> r.getText().contains(clientId)));
            assertProblem(api.get("/api/admin/clients/" + clientId, admin), 404);
        }
    }

    @Test
    void aBackChannelLogoutThatFailsIsShownAsPending() {
        User user = api.createUser("client-down");
        String clientId = "console-" + UUID.randomUUID().toString().substring(0, 8);
        String admin = api.loginAdmin().access();
        LogoutReceiver down = LogoutReceiver.down(api, clientId);
        assertThat(api.postJson("/api/admin/clients", admin, Json.createObjectBuilder().add("client_id", clientId)
                .add("backchannel_logout_uri", down.uri()).build()).status()).isEqualTo(201);
        Tokens tokens = Tokens.of(loginWithClient(user, clientId, null).json());
        assertThat(api.request("POST", "/api/auth/logout").bearer(tokens.access()).send().status()).isEqualTo(204);
        signInAsAdmin();
        openClients();

        waiting().until(d -> {
            d.findElement(By.id("deliveries:refresh")).click();
            return tableRows("deliveries").stream().anyMatch(r -> r.getText().contains(tokens.sessionId())
                    && r.getText().contains("pending") && r.getText().contains("connection refused"));
        });
    }

    private List<String> kids() {
        return api.get("/api/auth/jwks", null).json().getJsonArray("keys").getValuesAs(JsonObject.class).stream()
                .map(key -> key.getString("kid")).toList();
    }
}
