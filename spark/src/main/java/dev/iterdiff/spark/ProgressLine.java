package dev.iterdiff.spark;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A live progress line for a long command, on stderr: {@code LABEL: done/total UNIT (p %),
 * rate UNIT/s, ETA t[, extra]}. On a terminal the line is rewritten in place (carriage
 * return); otherwise (a log file, a CI console) a new line is printed at most every
 * {@code interval} when the count has changed (every 30 s when it has not), and always for the
 * last unit. The clock is a parameter, so tests drive it.
 */
public final class ProgressLine {

  private final PrintStream out;
  private final String label;
  private final String unit;
  private final long total;
  private final boolean terminal;
  private final LongSupplier clock;
  private final long intervalNanos;
  private final long start;
  private long lastPrint = Long.MIN_VALUE;
  private int lastWidth;
  private boolean open;
  private long baseline;
  private boolean ended;
  private long lastDone = -1;

  /** In a log, an unchanged count is repeated at most this often (30 s). */
  private static final long QUIET_NANOS = 30_000_000_000L;

  /**
   * @param out       where the line goes (System.err for the commands).
   * @param label     what runs ("sweep", "hyperopt").
   * @param unit      what is counted, plural ("instances", "outer steps").
   * @param total     how many there are (an upper bound for a loop that may stop early).
   * @param terminal  rewrite the line in place.
   * @param intervalSeconds at most one line per interval (the last unit always prints).
   * @param clock     nanoseconds, as System::nanoTime.
   */
  public ProgressLine(PrintStream out, String label, String unit, long total, boolean terminal,
      double intervalSeconds, LongSupplier clock) {
    this.out = out;
    this.label = label;
    this.unit = unit;
    this.total = total;
    this.terminal = terminal;
    this.clock = clock;
    this.intervalNanos = (long) (intervalSeconds * 1e9);
    this.start = clock.getAsLong();
  }

  /** On stderr, in place when stderr is a terminal, a line every 2 s otherwise. */
  public static ProgressLine stderr(String label, String unit, long total) {
    return new ProgressLine(System.err, label, unit, total, System.console() != null, 2.0,
        System::nanoTime);
  }

  /** Units already done before this run (a resumed loop): the rate counts only the others. */
  public synchronized ProgressLine startingAt(long done) {
    this.baseline = done;
    return this;
  }

  /** The line for {@code done} units and an optional extra (e.g. the current outer loss). */
  public synchronized String format(long done, String extra) {
    double s = (clock.getAsLong() - start) / 1e9;
    double rate = s > 0 ? (done - baseline) / s : Double.NaN;
    StringBuilder b = new StringBuilder(label).append(": ").append(done).append('/')
        .append(total).append(' ').append(unit);
    if (total > 0) {
      b.append(String.format(Locale.ROOT, " (%d %%)", Math.round(100.0 * done / total)));
    }
    b.append(", ").append(rate(rate)).append(' ').append(unit).append("/s");
    b.append(", ").append(done >= total ? "done in " + duration(s)
        : done > baseline && rate > 0 ? "ETA " + duration((total - done) / rate) : "ETA –");
    if (extra != null && !extra.isEmpty()) {
      b.append(", ").append(extra);
    }
    return b.toString();
  }

  /** Prints the line if the interval has passed (or all is done). */
  public synchronized void update(long done, String extra) {
    update(done, extra, false);
  }

  /**
   * Prints the line if the interval has passed, all is done, or {@code now} (a loop that
   * stopped before its budget: its last line).
   */
  public synchronized void update(long done, String extra, boolean now) {
    long t = clock.getAsLong();
    if (!now && done < total && lastPrint != Long.MIN_VALUE && t - lastPrint < intervalNanos
        || done >= total && ended) {
      return;
    }
    // in a log, a line that says nothing new waits for the quiet interval
    if (!terminal && !now && done < total && done == lastDone && lastPrint != Long.MIN_VALUE
        && t - lastPrint < QUIET_NANOS) {
      return;
    }
    lastDone = done;
    ended = done >= total;
    lastPrint = t;
    String line = format(done, extra);
    if (terminal) {
      out.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
      lastWidth = line.length();
      open = true;
    } else {
      out.println(line);
    }
    out.flush();
  }

  /** Ends an in-place line (a newline), so that what follows starts on its own line. */
  public synchronized void finish() {
    if (open) {
      out.println();
      out.flush();
      open = false;
    }
  }

  /** A rate with 3 significant digits (0.4, not 0). */
  static String rate(double r) {
    if (!(r > 0) || !Double.isFinite(r)) {
      return "0";
    }
    return r >= 100 ? String.format(Locale.ROOT, "%.0f", r)
        : String.format(Locale.ROOT, "%.3g", r);
  }

  /** 42 s, 3 min 05 s, 2 h 01 min. */
  static String duration(double seconds) {
    long s = Math.round(seconds);
    if (s < 60) {
      return s + " s";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
  }
}
