package org.kawamori.mapweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.kawamori.mapweb.FamilyFixtures.KEN;
import static org.kawamori.mapweb.FamilyFixtures.SATO;
import static org.kawamori.mapweb.FamilyFixtures.YUTA;
import static org.kawamori.mapweb.FamilyFixtures.givenTheSatosAndTheSuzukis;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kawamori.core.TagId;
import org.kawamori.core.alert.Audience.FamilyId;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The family page in headless Chromium, on a real server with real sessions: a guardian logs in through
 * the login page and sees her family's tags at their last place and the trail, a new sighting appears
 * without a reload, the language switches, lost mode goes on and off with a confirmation (and the
 * server sees it), watch rules are saved, a link opens the page and, once revoked, lands on the login
 * page. Another family's tag never appears; a nickname with markup is shown as text. Screenshots land
 * in map-web/target/screenshots. Skipped when Chromium is not installed (except in CI).
 */
class FamilyPageBrowserTest {

    static final String HOSTILE = "<img src=x onerror=\"window.pwned=1\">みく";
    static final String MIKU = "tag-miku";

    final Instant now = Instant.now();
    final FamilyFixtures families = givenTheSatosAndTheSuzukis(now);
    TestServer web;
    HeadlessChromium chromium;
    ChromeDriver driver;

    @BeforeEach
    void start() throws Exception {
        families.tags
                .withTag(MIKU, SATO, "282103", HOSTILE)
                .sighted(MIKU, 34.7580, 134.8350, 45, now.minusSeconds(1200));
        web = families.serve();
        chromium = HeadlessChromium.open(1366, 900);
        driver = chromium.driver;
    }

    @AfterEach
    void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (web != null) {
            web.close();
        }
    }

    @Test
    void aGuardianSeesHerTagsAndTheirTrailANewSightingWithoutReloadAndSwitchesLanguage() throws Exception {
        logInAs("sato");

        assertThat(driver.findElements(By.cssSelector("#tag-list li.tag"))).hasSize(3);
        assertThat(driver.findElements(By.cssSelector("li[data-tag='" + KEN + "']")))
                .isEmpty();
        assertThat(driver.getPageSource()).doesNotContain("ケン");
        until(() -> count("path.trail-point") == 3 && count("path.trail-line") == 1);
        assertThat(count("path.tag-marker")).isEqualTo(2);
        assertThat(text("li[data-tag='" + YUTA + "'] .seen")).contains("5 分前");
        assertThat(text("li[data-tag='" + MIKU + "'] .nick")).isEqualTo(HOSTILE);
        assertThat(count("img[src='x']")).isZero();
        assertThat(driver.executeScript("return window.pwned === undefined")).isEqualTo(true);
        assertThat(text("html")).contains("10〜20 秒");
        screenshot("family-ja");

        families.tags.sighted(YUTA, 34.7645, 134.8452, 15, Instant.now());
        await().atMost(Duration.ofSeconds(30)).until(() -> count("path.trail-point") == 4);
        assertThat(text("li[data-tag='" + YUTA + "'] .seen")).contains("たった今");
        assertThat(driver.getCurrentUrl()).endsWith("/family.html");

        click("#lang-toggle");
        until(() -> text("h1").equals("Watch tags (family)"));
        assertThat(text("li[data-tag='" + YUTA + "'] .seen")).contains("just now");
        assertThat(text(".gate-note")).contains("10–20 s");
        screenshot("family-en");
    }

    @Test
    void lostModeGoesOnAndOffWithAConfirmationAndTheServerSeesIt() throws Exception {
        logInAs("sato");

        click("li[data-tag='" + YUTA + "'] .lost-switch");
        assertThat(driver.switchTo().alert().getText()).contains("ゆうた").contains("防災担当者");
        driver.switchTo().alert().accept();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> families.watch.searchOf(YUTA).isPresent());
        until(() -> count("li[data-tag='" + YUTA + "'].lost .badge") == 1);
        assertThat(count("path.tag-marker.lost")).isEqualTo(1);
        screenshot("family-lost");

        click("li[data-tag='" + YUTA + "'] .lost-switch");
        driver.switchTo().alert().dismiss();
        assertThat(families.watch.searchOf(YUTA)).isPresent();
        click("li[data-tag='" + YUTA + "'] .lost-switch");
        driver.switchTo().alert().accept();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> families.watch.searchOf(YUTA).isEmpty());
        until(() -> count("li[data-tag='" + YUTA + "'].lost") == 0);
    }

    @Test
    void watchRulesAreEditedOnThePageAndRefusedOnesAreMarked() throws Exception {
        logInAs("sato");

        click("li[data-tag='" + YUTA + "'] .edit-rules");
        until(() -> driver.findElement(By.id("rules")).isDisplayed());
        click("#add-gate");
        WebElement name = driver.findElement(By.cssSelector("#rule-list li[data-kind='gate-pass'] input[name='name']"));
        name.sendKeys("加古川小学校 正門");
        click("#rule-list li[data-kind='gate-pass'] .pick");
        driver.findElement(By.id("map")).click();
        click("#add-flood");
        click("#save-rules");
        until(() -> text("#rules-message").contains("保存しました"));
        var saved = families.watch.rules(new FamilyId(SATO), new TagId(YUTA));
        assertThat(saved).extracting(r -> r.kind()).containsExactly("gate-pass", "near-flood");
        assertThat(saved.get(0).params()).containsEntry("name", "加古川小学校 正門").containsKey("lat");
        screenshot("family-rules");

        // a gate pass whose place was cleared is refused by the server and marked on the page
        WebElement lat = driver.findElement(By.cssSelector("#rule-list li[data-kind='gate-pass'] input[name='lat']"));
        lat.clear();
        lat.sendKeys("\t");
        click("#save-rules");
        until(() -> count("#rule-list li.rule.invalid") == 1);
        assertThat(text("#rule-list li.rule.invalid .problem")).contains("lat");
        assertThat(text("#rules-message")).contains("保存できませんでした");
        assertThat(families.watch.rules(new FamilyId(SATO), new TagId(YUTA))).hasSize(2);
        screenshot("family-rules-refused");
    }

    @Test
    void aFamilyLinkOpensThePageWithoutItsSecretInTheAddressAndOnceRevokedLandsOnTheLoginPage() throws Exception {
        Browser sato = Browser.of(web).loggedInAs("sato");
        JsonNode link = TestServer.json(sato.post("/api/v1/family/links", "{\"days\":7}"));

        driver.get(web.uri(link.get("path").asText()).toString());
        until(() -> "ready".equals(attribute("body", "data-state")));
        assertThat(driver.getCurrentUrl()).doesNotContain("link=").endsWith("/family.html");
        assertThat(driver.findElements(By.cssSelector("#tag-list li.tag"))).hasSize(3);
        // a link session cannot issue more links: the section is not shown
        assertThat(driver.findElement(By.id("links")).isDisplayed()).isFalse();

        assertThat(sato.delete("/api/v1/family/links/" + link.get("id")).statusCode())
                .isEqualTo(204);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> driver.getCurrentUrl().contains("/login.html"));
        assertThat(driver.getCurrentUrl()).contains("next=%2Ffamily.html");

        driver.get(web.uri(link.get("path").asText()).toString());
        until(() -> driver.getCurrentUrl().contains("/login.html"));
        screenshot("family-link-revoked");
    }

    @Test
    void aGuardianWithAnAccountIssuesALinkShownOnceAndRevokesIt() throws Exception {
        logInAs("sato");

        until(() -> driver.findElement(By.id("links")).isDisplayed());
        click("#issue-link");
        until(() -> attribute("#new-link-url", "value").contains("/family.html#link="));
        until(() -> count("#link-list li.link") == 1);
        screenshot("family-links");
        click("#link-list li.link .revoke");
        driver.switchTo().alert().accept();
        until(() -> count("#link-list li.link.inactive") == 1);
        assertThat(families.access.list(new FamilyId(SATO))).singleElement().satisfies(l -> assertThat(l.revokedAt())
                .isPresent());
    }

    @Test
    void thePublicAndAnOfficerAreSentToTheLoginPage() {
        driver.get(web.uri("/family.html").toString());
        until(() -> driver.getCurrentUrl().contains("/login.html?next="));

        driver.get(web.uri("/login.html").toString());
        until(() -> driver.findElements(By.id("login")).size() == 1);
        driver.findElement(By.id("login")).sendKeys("tanaka");
        driver.findElement(By.id("password")).sendKeys(InMemoryAccess.PASSWORD);
        driver.findElement(By.id("submit")).click();
        until(() -> !driver.getCurrentUrl().endsWith("/login.html"));
        driver.get(web.uri("/family.html").toString());
        until(() -> driver.getCurrentUrl().contains("/login.html?next="));
    }

    private void logInAs(String login) {
        driver.get(web.uri("/login.html?next=%2Ffamily.html").toString());
        until(() -> driver.findElements(By.id("login")).size() == 1);
        driver.findElement(By.id("login")).sendKeys(login);
        driver.findElement(By.id("password")).sendKeys(InMemoryAccess.PASSWORD);
        driver.findElement(By.id("submit")).click();
        until(() -> driver.getCurrentUrl().endsWith("/family.html"));
        until(() -> "ready".equals(attribute("body", "data-state")));
    }

    private long count(String css) {
        return driver.findElements(By.cssSelector(css)).size();
    }

    private String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    private String attribute(String css, String name) {
        return driver.findElement(By.cssSelector(css)).getAttribute(name);
    }

    private void click(String css) {
        driver.findElement(By.cssSelector(css)).click();
    }

    private void until(Supplier<Boolean> condition) {
        await().atMost(Duration.ofSeconds(15)).ignoreExceptions().until(condition::get);
    }

    private void screenshot(String name) throws Exception {
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", "screenshots", name + ".png");
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }
}
