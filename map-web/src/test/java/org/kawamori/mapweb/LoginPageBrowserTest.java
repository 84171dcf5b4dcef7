package org.kawamori.mapweb;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kawamori.core.fixtures.InMemorySensorRegistry;

/**
 * The login page in headless Chromium: a wrong password is said plainly and clears the field, a
 * {@code next} page of this site is honoured, one on another host is not (no open redirect), and the
 * page speaks English when asked.
 */
class LoginPageBrowserTest {

    final InMemoryAccess access =
            new InMemoryAccess().withOfficer("tanaka", "282103").withGuardian("sato", "family-sato", "282103");
    TestServer web;
    HeadlessChromium chromium;

    @BeforeEach
    void start() {
        InMemorySensorRegistry registry = new InMemorySensorRegistry();
        web = TestServer.start(
                new MapWebServer(WebConfig.onPort(0), registry, new InMemoryReadingQueries(registry), List.of())
                        .withLogins(access, access, access, AccessConfig.defaults()));
        chromium = HeadlessChromium.open(1000, 760);
    }

    @AfterEach
    void stop() {
        if (chromium != null) {
            chromium.close();
        }
        web.close();
    }

    @Test
    void aWrongPasswordIsSaidPlainlyAndTheFieldIsCleared() throws Exception {
        chromium.driver.get(web.uri("/login.html").toString());
        logIn("tanaka", "not the password");

        chromium.until(() -> chromium.find("#message").isDisplayed());
        assertThat(chromium.text("#message")).isEqualTo("ログイン名またはパスワードが違います。");
        assertThat(chromium.attribute("#password", "value")).isEmpty();
        assertThat(URI.create(chromium.driver.getCurrentUrl()).getPath()).isEqualTo("/login.html");
        chromium.screenshot("login-wrong-password");
    }

    @Test
    void aGuardianGoesOnToTheNextPageOfThisSite() {
        chromium.driver.get(web.uri("/login.html?next=%2Ffamily.html%3Ftag%3D1").toString());
        logIn("sato", InMemoryAccess.PASSWORD);

        chromium.until(
                () -> URI.create(chromium.driver.getCurrentUrl()).getPath().equals("/family.html"));
        assertThat(URI.create(chromium.driver.getCurrentUrl()).getQuery()).isEqualTo("tag=1");
    }

    @Test
    void aNextPageOnAnotherHostIsIgnoredForTheRolesPage() {
        for (String next : List.of("%2F%2Fevil.example%2Fx", "%2F%5Cevil.example", "https%3A%2F%2Fevil.example")) {
            chromium.driver.manage().deleteAllCookies();
            chromium.driver.get(web.uri("/login.html?next=" + next).toString());
            logIn("tanaka", InMemoryAccess.PASSWORD);

            chromium.until(
                    () -> URI.create(chromium.driver.getCurrentUrl()).getPath().equals("/officer.html"));
            assertThat(URI.create(chromium.driver.getCurrentUrl()).getHost()).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void thePageSpeaksEnglishWhenAsked() throws Exception {
        chromium.driver.get(web.uri("/login.html").toString());
        chromium.find("#lang-toggle").click();

        assertThat(chromium.text("#submit")).isEqualTo("Log in");
        assertThat(chromium.script("return document.documentElement.lang")).isEqualTo("en");
        logIn("tanaka", "wrong again");
        chromium.until(() -> chromium.find("#message").isDisplayed());
        assertThat(chromium.text("#message")).isEqualTo("The login or the password is wrong.");
        chromium.screenshot("login-en");
    }

    private void logIn(String login, String password) {
        chromium.find("#login").clear();
        chromium.find("#login").sendKeys(login);
        chromium.find("#password").sendKeys(password);
        chromium.find("#submit").click();
    }
}
