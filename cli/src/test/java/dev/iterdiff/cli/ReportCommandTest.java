package dev.iterdiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * hyperopt writes report.html beside its outputs (the metrics of metrics.json in a table, the
 * trajectory figure a PNG that decodes), {@code --no-report} writes none, and
 * {@code iterdiff report DIR} writes it for a finished output or refuses a directory that holds
 * none, in one line.
 */
class ReportCommandTest {

  static Path fresh(String name) throws Exception {
    Path p = Path.of("target/test-output/report-cmd-" + name).toAbsolutePath();
    if (Files.exists(p)) {
      try (var w = Files.walk(p)) {
        w.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
    return p;
  }

  static CommandRun hyperopt(Path out, String... extra) {
    String[] base = {"hyperopt", "--config", "conf/hyperopt-example.conf", "--output",
        out.toString(), "--set", "outer.max-iterations=4"};
    String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return CommandRun.of(args);
  }

  @Test
  void hyperoptWritesItsReportAndTheReportCommandRewritesIt() throws Exception {
    Path out = fresh("hyperopt");
    CommandRun r = hyperopt(out);
    assertEquals(0, r.status(), r.err());
    Path page = out.resolve("report.html");
    assertTrue(r.out().contains("report: ") && Files.isRegularFile(page), r.out());
    check(page, out);
    // the report command writes the same page again from the files alone
    Files.delete(page);
    CommandRun again = CommandRun.of("report", out.toString());
    assertEquals(0, again.status(), again.err());
    check(page, out);
  }

  private static void check(Path page, Path out) throws Exception {
    String html = Files.readString(page);
    JsonNode metrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
    for (var it = metrics.fields(); it.hasNext();) {
      var f = it.next();
      if (f.getValue().isNumber()) {
        String cell = "<td>" + f.getKey() + "</td><td class=\"n\" data-value=\"";
        int at = html.indexOf(cell);
        assertTrue(at >= 0, f.getKey() + " in the metrics table");
        String v = html.substring(at + cell.length(), html.indexOf('"', at + cell.length()));
        assertEquals(f.getValue().asDouble(), Double.parseDouble(v), 0.0, f.getKey());
      }
    }
    Matcher m = Pattern.compile("<img id=\"trajectory\"[^>]*src=\"data:image/png;base64,"
        + "([^\"]+)\"").matcher(html);
    assertTrue(m.find(), "the trajectory figure");
    assertNotNull(ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(
        m.group(1)))));
    assertTrue(html.contains("<table id=\"steps\""), "the trajectory table");
    String steps = html.substring(html.indexOf("<table id=\"steps\""));
    steps = steps.substring(0, steps.indexOf("</thead>"));
    assertTrue(steps.contains("<th>value</th>") && !steps.contains("misclassification"),
        "a regression's steps show no misclassification: " + steps);
  }

  @Test
  void noReportWritesNone() throws Exception {
    Path out = fresh("no-report");
    CommandRun r = hyperopt(out, "--no-report");
    assertEquals(0, r.status(), r.err());
    assertTrue(Files.isRegularFile(out.resolve("metrics.json")));
    assertFalse(Files.exists(out.resolve("report.html")));
  }

  @Test
  void aDirectoryWithoutAJobsOutputIsRefusedInOneLine() throws Exception {
    Path empty = Files.createDirectories(fresh("empty"));
    CommandRun r = CommandRun.of("report", empty.toString());
    assertEquals(2, r.status(), r.out());
    assertEquals(1, r.errLines().length, r.err());
    assertTrue(r.err().contains(empty.toString()) && r.err().contains("summary.json"),
        r.err());
    CommandRun missing = CommandRun.of("report", empty.resolve("nope").toString());
    assertEquals(2, missing.status());
    assertTrue(missing.err().contains("does not exist"), missing.err());
  }
}
