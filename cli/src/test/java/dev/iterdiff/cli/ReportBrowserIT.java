package dev.iterdiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * report.html in a real browser: headless Chromium (installed by {@code jobs/setup-browser.sh}
 * when missing — this test runs it, and fails, never skips, when the browser cannot be had)
 * loads the page a real {@code bin/iterdiff sweep} wrote, and the test checks that every image
 * decoded (naturalWidth &gt; 0), that the summary table holds summary.json's numbers, and that
 * the page logged no console error, exception or failed load; it keeps a full-page screenshot
 * at {@code cli/target/report-it/report.png}. A page with a broken image and a console error
 * proves the checks can fail.
 */
@Timeout(value = 900, unit = TimeUnit.SECONDS)
class ReportBrowserIT {

  private static final Path ROOT = Path.of("").toAbsolutePath();
  private static final Path WORK = ROOT.resolve("cli/target/report-it");
  private static String browser;

  /** Runs a command from the repository root; returns its output, failing on a bad exit. */
  private static String run(long timeoutSeconds, String... cmd) throws Exception {
    Files.createDirectories(WORK);
    Path log = Files.createTempFile(WORK, "command-", ".log");
    Process p = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    boolean ended = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
    if (!ended) {
      p.destroyForcibly();
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    assertTrue(ended, "timed out after " + timeoutSeconds + " s: " + List.of(cmd) + "\n" + out);
    assertEquals(0, p.exitValue(), List.of(cmd) + " failed:\n" + out);
    return out;
  }

  @BeforeAll
  static void installBrowser() throws Exception {
    // the browser or a failure: a CI machine without it must not pass this test by skipping
    String out = run(900, "jobs/setup-browser.sh");
    String[] lines = out.strip().split("\\R");
    browser = null;
    for (String l : lines) {
      if (l.startsWith("/") && Files.isExecutable(Path.of(l))) {
        browser = l;
      }
    }
    assertTrue(browser != null, "jobs/setup-browser.sh printed no browser path:\n" + out);
  }

  @Test
  void theSweepReportLoadsWithEveryImageDecodedTheSummarysNumbersAndNoConsoleError()
      throws Exception {
    // GIVEN a real sweep's output, written by the launcher a user runs
    Path out = WORK.resolve("sweep");
    run(600, "bin/iterdiff", "sweep", "--config", "conf/sweep-example.conf", "--output",
        out.toString(), "--overwrite", "--set",
        "theta.coordinates=[{log{from=1e-3,to=10,count=6}}]");
    Path page = out.resolve("report.html");
    assertTrue(Files.isRegularFile(page), "the sweep wrote " + page);
    JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    try (HeadlessChromium chrome = new HeadlessChromium(browser, WORK.resolve("profile-"
        + System.nanoTime()))) {
      // WHEN Chromium opens it
      chrome.open(page.toUri().toString());
      JsonNode images = chrome.evaluate("Promise.all([...document.images].map(i => "
          + "i.decode().then(() => 0, () => 0).then(() => ({id: i.id, w: i.naturalWidth, "
          + "h: i.naturalHeight, complete: i.complete}))))");
      JsonNode rows = chrome.evaluate("[...document.querySelectorAll('#estimators tbody tr')]"
          + ".map(tr => [...tr.cells].map(td => td.textContent))");
      JsonNode header = chrome.evaluate("[...document.querySelectorAll('#estimators thead th')]"
          + ".map(th => th.textContent)");
      chrome.screenshot(WORK.resolve("report.png"));
      // THEN every image decoded
      assertTrue(images.size() >= 4, "the report's figures: " + images);
      for (JsonNode i : images) {
        assertTrue(i.get("complete").asBoolean() && i.get("w").asInt() > 0
            && i.get("h").asInt() > 0, "image " + i.get("id") + " decoded: " + i);
      }
      // the summary table holds summary.json's numbers, to the 4 digits shown
      JsonNode estimators = summary.get("estimators");
      assertEquals(estimators.size(), rows.size(), rows.toString());
      List<String> columns = new ArrayList<>();
      header.forEach(h -> columns.add(h.asText()));
      for (int e = 0; e < estimators.size(); e++) {
        JsonNode want = estimators.get(e);
        JsonNode got = rows.get(e);
        assertEquals(want.get("estimator").asText(), got.get(0).asText());
        for (var it = want.fields(); it.hasNext();) {
          var f = it.next();
          if (!f.getValue().isNumber()) {
            continue;
          }
          int c = columns.indexOf(f.getKey());
          assertTrue(c >= 0, "a column for " + f.getKey() + " in " + columns);
          double shown = Double.parseDouble(got.get(c).asText());
          double v = f.getValue().asDouble();
          assertEquals(v, shown, Math.abs(v) * 1e-3 + 1e-300, f.getKey() + " of "
              + want.get("estimator").asText());
        }
      }
      // and nothing went wrong in the page
      assertEquals(List.of(), chrome.errors(), "console errors");
    }
    BufferedImage shot = ImageIO.read(WORK.resolve("report.png").toFile());
    assertTrue(shot.getWidth() >= 800 && shot.getHeight() >= 2000,
        "a full-page screenshot: " + shot.getWidth() + "x" + shot.getHeight());
  }

  @Test
  void aBrokenImageAndAConsoleErrorAreCaught() throws Exception {
    // GIVEN a page with an image that cannot load and a script that logs an error
    Path page = WORK.resolve("broken.html");
    Files.createDirectories(WORK);
    Files.writeString(page, "<!DOCTYPE html><html><head><link rel=\"icon\" href=\"data:,\">"
        + "</head><body><img id=\"b\" src=\"missing.png\"><script>console.error('boom')"
        + "</script></body></html>");
    try (HeadlessChromium chrome = new HeadlessChromium(browser, WORK.resolve("profile-"
        + System.nanoTime()))) {
      chrome.open(page.toUri().toString());
      JsonNode w = chrome.evaluate("document.getElementById('b').naturalWidth");
      // THEN the checks of the test above would fail on it
      assertEquals(0, w.asInt(), "a broken image has naturalWidth 0");
      List<String> errors = chrome.errors();
      assertTrue(errors.stream().anyMatch(s -> s.contains("boom")), errors.toString());
      assertTrue(errors.stream().anyMatch(s -> s.contains("missing.png")), errors.toString());
    }
  }
}
