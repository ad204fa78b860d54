package dev.iterdiff.study;

import dev.iterdiff.bench.BenchClock;
import dev.iterdiff.bench.BenchOptions;
import dev.iterdiff.bench.BenchRow;
import dev.iterdiff.bench.EstimatorBenchmark;
import dev.iterdiff.bench.EstimatorSuite;
import dev.iterdiff.data.TwoGaussianClasses;
import dev.iterdiff.report.FigureGrid;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.knowm.xchart.XYChart;

/**
 * {@code one-step-timing}: Bolte, Pauwels &amp; Vaiter, <i>One-step differentiation of iterative
 * algorithms</i> (NeurIPS 2023), the timing experiments: time of the solve and of the solve
 * plus each estimator against the problem size, log–log, for Newton's method on logistic
 * regression (two Gaussian classes, N = 2p, per-feature λ = e⁻⁵) and the interior-point method
 * on the paper's QP (θ = b), each the hypergradient of ½‖x*‖². The numbers are the benchmark
 * harness's ({@link EstimatorSuite}, {@link EstimatorBenchmark}: rounds interleaving the
 * solve alone and each estimator's solve + call, medians; this thread's CPU clock, so other
 * processes on the machine mostly show as noise), with fewer rounds than
 * {@code iterdiff bench estimators}. Run sequentially on the driver: timings taken two at a
 * time on shared cores would measure each other.
 *
 * <p>Top row: median time (ms) against n; bottom row: estimator/solve. What it
 * shows: one-step costs next to nothing beyond the solve at every size (Newton's and the
 * interior point's last step is a Hessian / KKT solve the estimator reuses), implicit a
 * little more, unrolled forward mode (m tangents) much more; the one-step paper's Figure 2.
 *
 * <p>CSV columns: the benchmark's row (setting, n, m, iterations, rounds, estimator, solve_ms,
 * estimator_ms, total_ms, ratio, relative_error, status).
 */
public final class OneStepTimingStudy implements Study {

  /** The study's name. */
  public static final String NAME = "one-step-timing";

  /** The two settings drawn. */
  static final List<String> SETTINGS = List.of(BenchOptions.NEWTON_LOGISTIC,
      BenchOptions.IPM_QP);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Bolte et al. 2023, timing: solve and solve + estimator against size, log-log "
        + "(Newton logistic, interior-point QP), from the benchmark harness";
  }

  /**
   * The benchmark options of this study: small rounds, the given sizes; seed 1 (the default of
   * {@code --seed}) means the benchmark's own data seed, so the numbers are those of
   * {@code bench estimators}' instances.
   */
  static BenchOptions options(List<Integer> newton, List<Integer> qp, double minSeconds,
      long seed) {
    return new BenchOptions(Set.copyOf(SETTINGS), newton, List.of(100), 1, 3, minSeconds,
        224, 1e-10, 50, 500, 30, 1e-3, 10, seed == 1 ? TwoGaussianClasses.DEFAULT_SEED : seed,
        BenchClock.CPU, qp, 1e-8, List.of(100), 1e-8, 20_000);
  }

  @Override
  public StudyResult run(StudyOptions options) throws IOException {
    List<Integer> newton = sizes(options.full() ? List.of(50, 106, 224, 473, 1000)
        : List.of(50, 100, 200, 400), options.scale());
    List<Integer> qp = sizes(options.full() ? List.of(100, 200, 400, 800)
        : List.of(50, 100, 200, 400), options.scale());
    BenchOptions bench = options(newton, qp, (options.full() ? 2.0 : 0.5) / options.scale(),
        options.seed());
    EstimatorBenchmark timer = new EstimatorBenchmark(bench.warmup(), bench.repetitions(),
        bench.minSeconds(), bench.clock());
    List<BenchRow> rows = new ArrayList<>();
    for (String setting : SETTINGS) {
      for (int n : setting.equals(BenchOptions.IPM_QP) ? qp : newton) {
        rows.addAll(timer.measure(EstimatorSuite.create(setting, n, bench)));
      }
    }
    return write(options, rows);
  }

  /** Each size divided by the scale, at least 8, without repeats. */
  static List<Integer> sizes(List<Integer> sizes, int scale) {
    Set<Integer> out = new LinkedHashSet<>();
    for (int s : sizes) {
      out.add(Math.max(8, s / scale));
    }
    return List.copyOf(out);
  }

  static StudyResult write(StudyOptions options, List<BenchRow> rows) throws IOException {
    CsvTable csv = new CsvTable("setting", "n", "m", "iterations", "rounds", "estimator",
        "solve_ms", "estimator_ms", "total_ms", "ratio", "relative_error", "status");
    for (BenchRow r : rows) {
      csv.add(r.setting(), r.n(), r.m(), r.iterations(), r.rounds(), r.estimator(),
          r.baselineMs(), r.estimatorMs(), r.solveMs() + r.estimatorMs(), r.ratio(),
          r.relativeError(), r.status());
    }
    FigureGrid figure = new FigureGrid(2, 800, 460);
    List<XYChart> times = new ArrayList<>();
    List<XYChart> ratios = new ArrayList<>();
    for (String setting : SETTINGS) {
      String what = setting.equals(BenchOptions.IPM_QP)
          ? "Interior point on the paper's QP (theta = b)"
          : "Newton on logistic regression (per-feature lambda)";
      times.add(figure.panel(what, "problem size n (dim x)", "median CPU time (ms)", true,
          true));
    }
    for (String setting : SETTINGS) {
      ratios.add(figure.panel(setting + ": the estimator's own cost", "problem size n "
          + "(dim x)", "estimator time / solve time", true, true));
    }
    List<String> findings = new ArrayList<>();
    for (int s = 0; s < SETTINGS.size(); s++) {
      String setting = SETTINGS.get(s);
      List<BenchRow> mine = rows.stream().filter(r -> r.setting().equals(setting)).toList();
      List<String> estimators = mine.stream().map(BenchRow::estimator).distinct().toList();
      List<BenchRow> first = mine.stream().filter(r -> r.estimator().equals(estimators.get(0)))
          .toList();
      FigureGrid.series(times.get(s), "solve", first.stream().mapToDouble(BenchRow::n)
          .toArray(), first.stream().mapToDouble(BenchRow::baselineMs).toArray(), 6,
          FigureGrid.Line.DASHED);
      for (int e = 0; e < estimators.size(); e++) {
        String est = estimators.get(e);
        List<BenchRow> line = mine.stream().filter(r -> r.estimator().equals(est)
            && r.status().equals("ok")).toList();
        if (line.isEmpty()) {
          findings.add(setting + " " + est + ": no successful size");
          continue;
        }
        double[] n = line.stream().mapToDouble(BenchRow::n).toArray();
        FigureGrid.series(times.get(s), "solve + " + est, n, line.stream()
            .mapToDouble(r -> r.solveMs() + r.estimatorMs()).toArray(), e,
            FigureGrid.Line.SOLID);
        FigureGrid.series(ratios.get(s), est, n, line.stream().mapToDouble(BenchRow::extra)
            .toArray(), e, FigureGrid.Line.SOLID);
        BenchRow big = line.get(line.size() - 1);
        findings.add(String.format(Locale.ROOT, "%-16s n = %4d %-22s solve %9.3f ms, "
            + "estimator %9.3f ms, ratio %.3f", setting, big.n(), est, big.baselineMs(),
            big.estimatorMs(), big.ratio()));
      }
      for (BenchRow r : mine) {
        if (!r.status().equals("ok")) {
          findings.add(setting + " n = " + r.n() + " " + r.estimator() + ": " + r.status());
        }
      }
      // the log axis labels decades only: reach the next decade above the largest size
      double lo = mine.stream().mapToDouble(BenchRow::n).min().orElse(10);
      double hi = mine.stream().mapToDouble(BenchRow::n).max().orElse(1000);
      for (XYChart c : List.of(times.get(s), ratios.get(s))) {
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        c.getStyler().setXAxisMin(lo / 1.25);
        c.getStyler().setXAxisMax(Math.pow(10, Math.ceil(Math.log10(hi) - 1e-9)));
      }
    }
    List<Path> files = new ArrayList<>();
    files.add(csv.write(options.out().resolve(NAME + ".csv")));
    files.addAll(figure.write(options.out().resolve(NAME)));
    return new StudyResult(files, findings);
  }
}
