package br.com.cdcplusoft.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import br.com.cdcplusoft.dev.demo.ConsincoDemoDatabase;
import br.com.cdcplusoft.dev.demo.DemoScale;
import br.com.cdcplusoft.core.json.Json;
import br.com.cdcplusoft.gateway.GatewayApplication;
import br.com.cdcplusoft.dev.simulator.PlusoftSimulator;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.JsonNode;

/**
 * The operator console (/painel) in a real headless Chromium, against the whole pipeline in one
 * JVM (in-process broker, H2 in Oracle mode, the Plusoft simulator): the page loads without a
 * JavaScript error, shows each entity's delivered count as the gateway's JSON has it, reports the
 * 401 of an action without a key or with a wrong one and re-drives dead letters with the right
 * one, and follows a forced re-sync it started to completion. Screenshots land in
 * {@code target/painel*.png}.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver} ({@code .ci/run} installs them);
 * without them the test is skipped with the reason (before the pipeline starts), unless
 * {@code PIPELINE_REQUIRE_BROWSER=true}, which makes it fail.
 */
@EmbeddedKafka(partitions = 3)
@EnabledIf(value = "browserPresentOrRequired", disabledReason = "no headless browser: /usr/bin/chromedriver or /usr/bin/chromium "
        + "(env CHROMEDRIVER, CHROMIUM_BIN) is not installed; apt-get install chromium chromium-driver, as .ci/run does, "
        + "or set PIPELINE_REQUIRE_BROWSER=true to make this a failure")
class PainelBrowserIT {

    private static final String API_KEY = "chave-de-teste-painel-000001";
    private static final DemoScale SCALE = new DemoScale(3, 120, 150, 300);
    private static final List<String> ENTITIES = List.of("filiais", "produtos", "clientes", "vendas");
    private static final String CHROMIUM = System.getenv().getOrDefault("CHROMIUM_BIN", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver");
    private static final HttpClient http = HttpClient.newHttpClient();

    private static ConsincoDemoDatabase db;
    private static PlusoftSimulator plusoft;
    private static StandaloneApplication pipeline;
    private static WebDriver browser;
    private static String gateway;

    @BeforeAll
    static void start() throws Exception {
        assertThat(browserPresent()).as("chromedriver (" + CHROMEDRIVER + ") or chromium (" + CHROMIUM + ") is not installed, and "
                + "PIPELINE_REQUIRE_BROWSER=true: apt-get install chromium chromium-driver, as .ci/run does").isTrue();
        EmbeddedKafkaBroker broker = EmbeddedKafkaCondition.getBroker();
        db = ConsincoDemoDatabase.inMemory("painel-" + UUID.randomUUID(), SCALE);
        plusoft = PlusoftSimulator.start(0).requireBearer("token-de-teste");
        Path work = Path.of("target", "painel-it-" + UUID.randomUUID());
        pipeline = StandaloneApplication.start(
                "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=" + ConsincoDemoDatabase.USER,
                "--spring.datasource.password=" + ConsincoDemoDatabase.PASSWORD,
                "--plusoft.base-url=" + plusoft.baseUri(),
                "--plusoft.auth.token=token-de-teste",
                "--plusoft.batch.linger=100ms",
                "--plusoft.status.every=1s",
                "--server.port=0",
                "--gateway.security.api-key=" + API_KEY,
                "--gateway.console.refresh=1s",
                "--gateway.console.count-every=5s",
                "--gateway.nightly.log-dir=" + work.resolve("Logs"),
                "--mapper.state-dir=" + work.resolve("streams"),
                "--pipeline.entities.produtos.poll-interval=300ms",
                "--pipeline.entities.clientes.poll-interval=300ms");
        gateway = "http://127.0.0.1:" + pipeline.context(GatewayApplication.class).getEnvironment().getProperty("local.server.port");
        browser = chromium(work);
    }

    static boolean browserPresentOrRequired() {
        return browserPresent() || "true".equalsIgnoreCase(System.getenv("PIPELINE_REQUIRE_BROWSER"));
    }

    private static boolean browserPresent() {
        return new File(CHROMEDRIVER).canExecute() && new File(CHROMIUM).canExecute();
    }

    private static WebDriver chromium(Path work) throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + Files.createDirectories(work.resolve("chromium")).toAbsolutePath(), "--window-size=1280,800");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (pipeline != null) {
            pipeline.close();
        }
        if (plusoft != null) {
            plusoft.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void theConsoleShowsThePipelineAndActsWithTheKeyOnly() throws Exception {
        long activeClientes = count("SELECT COUNT(*) FROM VW_PLUSOFT_CLIENTE");
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            assertThat(plusoft.counts("produtos").distinct()).isEqualTo(SCALE.produtos());
            assertThat(plusoft.counts("clientes").distinct()).isEqualTo(activeClientes);
            assertThat(plusoft.counts("vendas").distinct()).isEqualTo(SCALE.vendaItems());
        });
        // one customer's CPF check digits go wrong in the ERP: the mapper dead-letters the change
        long seqPessoa = count("SELECT MIN(SEQPESSOA) FROM VW_PLUSOFT_CLIENTE WHERE FISICAJURIDICA = 'F'");
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("UPDATE GE_PESSOA SET DIGCGCCPF = MOD(DIGCGCCPF + 1, 100), "
                + "DATAHORAALTERACAO = SYSDATE WHERE SEQPESSOA = ?")) {
            ps.setLong(1, seqPessoa);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> deadLetters("clientes", "mapper").path("pendentes").asLong() >= 1);

        browser.get(gateway + "/");
        browser.findElement(By.linkText("Painel de operação")).click();
        await().atMost(Duration.ofSeconds(30)).until(() -> "sim".equals(browser.findElement(By.tagName("body")).getDomAttribute("data-carregado")));
        assertThat(browser.getCurrentUrl()).endsWith("/painel");
        assertThat(browser.getTitle()).contains("Painel");
        assertThat(errors(browserLog())).as("JavaScript console errors on load").isEmpty();

        // every entity's delivered count on the page is the JSON's, which covers what Plusoft received
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode state = state();
            for (String entity : ENTITIES) {
                long json = entity(state, entity).path("entregues").asLong();
                assertThat(json).as(entity).isGreaterThanOrEqualTo(plusoft.counts(entity).distinct()).isPositive();
                assertThat(pageNumber("#entidades tr[data-entidade='" + entity + "'] [data-campo='entregues'] .v")).as(entity).isEqualTo(json);
            }
        });
        assertThat(text("#circuito")).startsWith("Fechado");
        JsonNode before = deadLetters("clientes", "mapper");
        assertThat(pageNumber("#mortas tr[data-entidade='clientes'] [data-campo='mapper'] .v")).isEqualTo(before.path("total").asLong());
        assertThat(text("#mortas tr[data-entidade='clientes'] [data-campo='motivos']"))
                .contains("CPF").doesNotContain(String.valueOf(count("SELECT NROCGCCPF FROM GE_PESSOA WHERE SEQPESSOA = " + seqPessoa)));

        // without a key, then with a wrong one: the page shows the 401 and nothing is re-driven
        WebElement redrive = browser.findElement(By.cssSelector("button[data-acao='reprocessar'][data-entidade='clientes']"));
        redrive.click();
        awaitMessage("401");
        useKey("chave-errada-0000000000");
        clearMessage();
        redrive.click();
        awaitMessage("401");
        assertThat(message()).contains("Reprocessar mensagens mortas de clientes").contains("nada foi feito");
        assertThat(deadLetters("clientes", "mapper").path("pendentes").asLong()).isEqualTo(before.path("pendentes").asLong());

        // with the right key the re-drive goes through: the row fails again and becomes a new dead letter
        useKey(API_KEY);
        clearMessage();
        redrive.click();
        awaitMessage("202");
        assertThat(message()).contains("mapper: " + before.path("pendentes").asLong() + " reenviadas");
        await().atMost(Duration.ofSeconds(60)).until(() -> deadLetters("clientes", "mapper").path("total").asLong()
                >= before.path("total").asLong() + before.path("pendentes").asLong());

        // a forced re-sync started from the page, followed to the end
        clearMessage();
        browser.findElement(By.cssSelector("button[data-acao='forcar'][data-entidade='produtos']")).click();
        awaitMessage("202");
        String runId = await().atMost(Duration.ofSeconds(10)).until(
                () -> browser.findElement(By.id("acompanhamento")).getDomAttribute("data-run-id"), id -> id != null && !id.isBlank());
        // the page re-renders the followed run at every refresh: read it in one script, never through stale elements
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            assertThat(text("#acompanhamento [data-campo='situacao']")).isEqualTo("Concluída");
            assertThat(((JavascriptExecutor) browser).executeScript("return Array.from(document.querySelectorAll('#acompanhamento progress'))"
                    + ".map(function (p) { return p.getAttribute('data-etapa') + '=' + p.value; }).join(' ')"))
                    .isEqualTo("lidos=100 publicados=100 mapeados=100 entregues=100");
        });
        JsonNode run = json("/sincronizacoes/" + runId);
        assertThat(run.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(run.path("forced").asBoolean()).isTrue();
        assertThat(run.path("counts").path("delivered").asLong()).isEqualTo(SCALE.produtos());
        assertThat(text("#execucoes tr[data-run-id='" + runId + "']")).contains("manual, forçada").contains("Concluída");

        // the buttons are reachable with the keyboard and carry their names
        ((JavascriptExecutor) browser).executeScript("document.activeElement.blur(); window.scrollTo(0, 0);");
        boolean reached = false;
        for (int i = 0; i < 60 && !reached; i++) {
            browser.switchTo().activeElement().sendKeys(Keys.TAB);
            WebElement focused = browser.switchTo().activeElement();
            reached = "reprocessar".equals(focused.getDomAttribute("data-acao"));
        }
        assertThat(reached).as("Tab reaches a re-drive button").isTrue();
        assertThat(browser.switchTo().activeElement().getAccessibleName()).startsWith("Reprocessar as mensagens mortas de");

        assertThat(errors(browserLog())).as("JavaScript errors other than the expected 401 answers").isEmpty();
        screenshots();
    }

    private static void screenshots() throws Exception {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        browser.manage().window().setSize(new Dimension(1280, 800));
        js.executeScript("window.scrollTo(0, 0)");
        Files.write(Path.of("target", "painel.png"), ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
        long height = (Long) js.executeScript("return document.documentElement.scrollHeight");
        browser.manage().window().setSize(new Dimension(1280, (int) Math.min(4000, height + 120)));
        Files.write(Path.of("target", "painel-inteiro.png"), ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
        browser.manage().window().setSize(new Dimension(390, 844));
        await().atMost(Duration.ofSeconds(5)).until(() -> (Long) js.executeScript("return window.innerWidth") <= 400);
        assertThat((Long) js.executeScript("return document.documentElement.scrollWidth - window.innerWidth"))
                .as("no sideways scrolling at phone width").isLessThanOrEqualTo(0);
        Files.write(Path.of("target", "painel-celular.png"), ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
        browser.manage().window().setSize(new Dimension(1280, 800));
    }

    private static void useKey(String key) {
        WebElement input = browser.findElement(By.id("chave"));
        input.clear();
        input.sendKeys(key, Keys.ENTER);
        await().atMost(Duration.ofSeconds(5)).until(() -> browser.findElement(By.id("estado-chave")).getText().startsWith("Chave em uso"));
        assertThat(input.getDomProperty("value")).isEmpty();
    }

    private static void clearMessage() {
        ((JavascriptExecutor) browser).executeScript("document.getElementById('mensagem').textContent = ''");
    }

    private static void awaitMessage(String text) {
        await().atMost(Duration.ofSeconds(30)).until(() -> message().contains(text));
    }

    private static String message() {
        return text("#mensagem");
    }

    /** The element's rendered text, read in one script (the page replaces what it refreshes). */
    private static String text(String selector) {
        Object text = ((JavascriptExecutor) browser).executeScript(
                "var e = document.querySelector(arguments[0]); return e ? e.innerText : null", selector);
        assertThat(text).as(selector).isNotNull();
        return (String) text;
    }

    private static long pageNumber(String selector) {
        return Long.parseLong(text(selector).trim().split("\\s+")[0].replace(".", ""));
    }

    private static List<LogEntry> browserLog() {
        return browser.manage().logs().get(LogType.BROWSER).getAll();
    }

    /** Severe entries, except the 401 answers the test provokes (Chromium logs every non-2xx fetch). */
    private static List<String> errors(List<LogEntry> entries) {
        return entries.stream().filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(m -> !(m.contains("/reprocessar") && m.contains("401")))
                .toList();
    }

    private static JsonNode entity(JsonNode state, String entity) {
        for (JsonNode e : state.path("entidades")) {
            if (entity.equals(e.path("entidade").asString())) {
                return e;
            }
        }
        throw new AssertionError("no entity " + entity + " in " + state);
    }

    private static JsonNode deadLetters(String entity, String stage) throws Exception {
        for (JsonNode e : state().path("filasMortas")) {
            if (entity.equals(e.path("entidade").asString())) {
                return e.path(stage);
            }
        }
        return Json.mapper().createObjectNode();
    }

    private static JsonNode state() throws Exception {
        return json("/painel/estado");
    }

    private static JsonNode json(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(gateway + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return Json.mapper().readTree(response.body());
    }

    private static long count(String sql) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
