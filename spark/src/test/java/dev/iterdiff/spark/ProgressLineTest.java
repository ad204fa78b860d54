package dev.iterdiff.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The progress line on a clock the test moves: counts, rate, ETA, throttling, in-place mode. */
class ProgressLineTest {

  private final long[] now = {0};
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

  private ProgressLine line(boolean terminal) {
    return new ProgressLine(new PrintStream(bytes, true, StandardCharsets.UTF_8), "sweep",
        "instances", 50, terminal, 2.0, () -> now[0]);
  }

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void saysDoneOutOfTotalTheRateAndTheTimeLeft() {
    ProgressLine p = line(false);
    now[0] = 10_000_000_000L; // 10 s
    assertEquals("sweep: 20/50 instances (40 %), 2.00 instances/s, ETA 15 s, stage 0",
        p.format(20, "stage 0"));
    // a slow small run still shows its rate (0.4, not 0)
    assertEquals("sweep: 4/50 instances (8 %), 0.400 instances/s, ETA 1 min 55 s",
        p.format(4, null));
    assertEquals("sweep: 0/50 instances (0 %), 0 instances/s, ETA –", p.format(0, ""));
    assertEquals("sweep: 50/50 instances (100 %), 5.00 instances/s, done in 10 s",
        p.format(50, ""));
  }

  @Test
  void printsAtMostOneLinePerIntervalButAlwaysTheLast() {
    ProgressLine p = line(false);
    p.update(1, null);
    now[0] = 1_000_000_000L;
    p.update(2, null); // 1 s later: throttled
    now[0] = 2_500_000_000L;
    p.update(3, null);
    p.update(50, null); // the end prints whatever the interval
    p.update(50, null); // and once
    String[] lines = printed().split("\n");
    assertEquals(3, lines.length, printed());
    assertTrue(lines[1].startsWith("sweep: 3/50"), lines[1]);
    assertTrue(lines[2].contains("done in"), lines[2]);
  }

  @Test
  void onATerminalTheLineIsRewrittenInPlaceAndEndedByFinish() {
    ProgressLine p = line(true);
    p.update(1, "a long extra text");
    now[0] = 3_000_000_000L;
    p.update(2, null);
    p.finish();
    String out = printed();
    assertEquals(2, out.split("\r", -1).length - 1, "two rewrites: " + out);
    assertTrue(out.endsWith("\n") && out.indexOf('\n') == out.length() - 1, out);
  }

  @Test
  void aResumedLoopCountsItsRateFromWhereItStarted() {
    ProgressLine p = new ProgressLine(new PrintStream(bytes), "hyperopt", "outer steps", 50,
        false, 2.0, () -> now[0]).startingAt(30);
    now[0] = 5_000_000_000L;
    assertEquals("hyperopt: 40/50 outer steps (80 %), 2.00 outer steps/s, ETA 5 s",
        p.format(40, null));
  }

  @Test
  void aLoopThatStopsBeforeItsBudgetPrintsItsLastLineAtOnce() {
    ProgressLine p = line(false);
    p.update(1, null);
    now[0] = 500_000_000L;
    p.update(35, "stopped", true); // within the interval, but the last
    String[] lines = printed().split("\n");
    assertEquals(2, lines.length, printed());
    assertTrue(lines[1].startsWith("sweep: 35/50") && lines[1].endsWith("stopped"), lines[1]);
  }

  @Test
  void inALogAnUnchangedCountIsNotRepeatedEveryInterval() {
    ProgressLine p = line(false);
    p.update(0, null);
    now[0] = 3_000_000_000L;
    p.update(0, null); // nothing new, 3 s later: not printed
    now[0] = 31_000_000_000L;
    p.update(0, null); // 31 s: printed (the run is alive)
    now[0] = 34_000_000_000L;
    p.update(5, null); // new count: printed
    assertEquals(3, printed().split("\n").length, printed());
  }

  @Test
  void durations() {
    assertEquals("42 s", ProgressLine.duration(42.3));
    assertEquals("3 min 05 s", ProgressLine.duration(185));
    assertEquals("2 h 01 min", ProgressLine.duration(7290));
  }
}
