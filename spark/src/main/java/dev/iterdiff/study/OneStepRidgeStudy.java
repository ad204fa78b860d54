package dev.iterdiff.study;

import dev.iterdiff.bench.BenchClock;
import dev.iterdiff.data.LibsvmReader;
import dev.iterdiff.data.SyntheticRidgeData;
import dev.iterdiff.diff.DiagnosticsOptions;
import dev.iterdiff.diff.Implicit;
import dev.iterdiff.diff.JacobianEstimate;
import dev.iterdiff.diff.OneStep;
import dev.iterdiff.optimality.Stationarity;
import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.problem.WeightedRidgeProblem;
import dev.iterdiff.report.FigureGrid;
import dev.iterdiff.solver.GradientDescent;
import dev.iterdiff.solver.Newton;
import dev.iterdiff.solver.Solution;
import dev.iterdiff.solver.Solve;
import dev.iterdiff.solver.SolveOptions;
import dev.iterdiff.solver.StepRule;
import dev.iterdiff.solver.Storage;
import dev.iterdiff.spark.SparkSessions;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.knowm.xchart.XYChart;

/**
 * {@code one-step-ridge}: Bolte, Pauwels &amp; Vaiter, <i>One-step differentiation of iterative
 * algorithms</i> (NeurIPS 2023), the gradient-descent experiment: weighted ridge
 * f(x; θ) = ½·Σᵢ θᵢ(aᵢᵀx − bᵢ)² + α/2·‖x‖², θ = the N per-sample weights (at θ = 𝟙), α set so
 * that the Hessian AᵀA + αI has condition number κ ∈ {100, 1000}; gradient descent from x₀ = 0
 * with a small step 1/L and a big step 2/(μ+L). For each, the relative error of the iterates
 * x_k (dotted) and of the Jacobians ∂x/∂θ (solid) of unrolled forward mode, implicit
 * differentiation at x_k and one-step differentiation, against k and against the seconds it
 * takes to get each (solve to k, plus the estimator; forward mode runs along the solve; CPU
 * time of the task's thread, so a loaded machine barely shows; implicit's and one-step's cost,
 * which does not depend on k, is the median of their calls over the checkpoints), and
 * the one-step bound ρ/(1−ρ)·‖J_θF‖_F (dashed, relative to ‖J*‖). What it shows: the iterates,
 * the implicit and the unrolled Jacobians converge; the one-step Jacobian stops at a plateau
 * below its bound (for gradient descent J_xF = I − tH does not vanish at x*).
 *
 * <p>Data: the paper used cpusmall (8192 × 12); here the synthetic generator at that shape
 * ({@link SyntheticRidgeData}, eigenvalues of AᵀA/N geometric over four decades, noise 0.1)
 * and the committed real sample {@code data-samples/breast-cancer.libsvm} (569 × 30,
 * standardized; the 0/1 label as target). The eight instances (2 data sets × 2 κ × 2 steps)
 * are one Spark job ({@link StudyGrid}), one task each. Reference x*, J*: Newton (exact on a
 * quadratic) and implicit differentiation with Cholesky at x*.
 *
 * <p>CSV columns: dataset, kappa, step, series (iterates, unrolled-forward, implicit,
 * one-step, one-step-bound), k, seconds, relative_error, status ({@code ok}, or why the
 * instance failed).
 */
public final class OneStepRidgeStudy implements Study {

  /** The study's name. */
  public static final String NAME = "one-step-ridge";

  /** The committed real sample. */
  static final Path REAL = Path.of("data-samples", "breast-cancer.libsvm");

  /** Condition number of AᵀA/N of the synthetic data (α then sets the Hessian's κ). */
  static final double DATA_KAPPA = 1e4;

  /** The series drawn, in colour order. */
  static final String[] SERIES = {"unrolled-forward", "implicit", "one-step"};

  /** The grid's condition numbers and steps. */
  static final double[] KAPPAS = {100, 1000};

  /** Small and big step. */
  static final String[] STEPS = {"1/L", "2/(mu+L)"};

  /**
   * One instance of the grid.
   *
   * @param dataset    name shown.
   * @param a          design matrix (column-major), or null: the synthetic data of
   *                   (rows, cols, seed), generated in the task.
   * @param rows       N.
   * @param cols       p.
   * @param b          targets, or null with a == null.
   * @param seed       seed of the synthetic data.
   * @param kappa      condition number of the Hessian at θ = 𝟙.
   * @param step       {@code 1/L} or {@code 2/(mu+L)}.
   * @param iterations k.
   */
  record Instance(String dataset, double[] a, int rows, int cols, double[] b, long seed,
      double kappa, String step, int iterations) implements Serializable {}

  /**
   * One point of a curve.
   *
   * @param dataset       data set.
   * @param kappa         κ.
   * @param step          step rule.
   * @param series        iterates, an estimator, or one-step-bound.
   * @param k             iteration.
   * @param seconds       time to get this value from scratch (solve to k + estimator).
   * @param relativeError ‖· − ·*‖/‖·*‖ (Frobenius for Jacobians).
   * @param status        ok, or the failure of the instance (then k = −1, values NaN).
   */
  record Point(String dataset, double kappa, String step, String series, int k,
      double seconds, double relativeError, String status) implements Serializable {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Bolte et al. 2023, weighted ridge: GD iterate and Jacobian errors (unrolled, "
        + "implicit, one-step) against k and time, kappa 100/1000, two steps (Spark job)";
  }

  @Override
  public StudyResult run(StudyOptions options) throws IOException {
    return run(options, SparkSessions.getOrCreate("iterdiff study " + NAME));
  }

  /** Runs the grid on {@code spark}. */
  public StudyResult run(StudyOptions options, SparkSession spark) throws IOException {
    List<Instance> grid = grid(options);
    List<Point> points = StudyGrid.run(spark, "iterdiff study " + NAME + ": " + grid.size()
        + " instances", grid, in -> trace(in).iterator());
    return write(options, grid, points);
  }

  /** The eight instances: synthetic 8192 × 12 and the real sample, κ × step. */
  static List<Instance> grid(StudyOptions options) throws IOException {
    if (!Files.isRegularFile(REAL)) {
      throw new IllegalArgumentException(NAME + ": " + REAL + " not found (run from the "
          + "repository root)");
    }
    LabeledData real = LibsvmReader.read(REAL);
    int k = (options.full() ? 20_000 : 4_000) / options.scale();
    int rows = 8192 / options.scale();
    List<Instance> grid = new ArrayList<>();
    for (double kappa : KAPPAS) {
      for (String step : STEPS) {
        grid.add(new Instance(String.format(Locale.ROOT, "synthetic %d x 12", rows), null, rows,
            12, null, options.seed(), kappa, step, k));
        grid.add(new Instance("breast-cancer 569 x 30", real.a(), real.rows(), real.cols(),
            real.labels(), options.seed(), kappa, step, k));
      }
    }
    return grid;
  }

  /**
   * The curves of one instance; a failure becomes one point with its status.
   */
  static List<Point> trace(Instance in) {
    try {
      return traceOrThrow(in);
    } catch (RuntimeException e) {
      return List.of(new Point(in.dataset(), in.kappa(), in.step(), "failed", -1, Double.NaN,
          Double.NaN, e.getClass().getSimpleName() + ": " + e.getMessage()));
    }
  }

  /**
   * α ≥ 0 giving AᵀΘA + αI the condition number κ at θ = 𝟙: (L₀ − κμ₀)/(κ − 1).
   *
   * @throws IllegalArgumentException when the data's own condition number is below κ.
   */
  static double alphaFor(LabeledData data, double kappa) {
    WeightedRidgeProblem probe = new WeightedRidgeProblem(data, data.rows(), 0);
    double[] ones = ones(data.rows());
    double l0 = probe.lipschitz(ones);
    double mu0 = probe.strongConvexity(ones);
    double alpha = (l0 - kappa * mu0) / (kappa - 1);
    if (!(alpha >= 0)) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "kappa %.0f: the data's "
          + "own condition number L/mu = %.4g is smaller (no alpha >= 0 reaches it)", kappa,
          l0 / mu0));
    }
    return alpha;
  }

  private static List<Point> traceOrThrow(Instance in) {
    LabeledData data = in.a() == null
        ? new SyntheticRidgeData(in.rows(), in.cols(), DATA_KAPPA, 0.1, in.seed())
            .generate(in.dataset())
        : new LabeledData(in.a(), in.rows(), in.cols(), in.b(), in.dataset());
    WeightedRidgeProblem problem = new WeightedRidgeProblem(data, data.rows(),
        alphaFor(data, in.kappa()));
    double[] theta = ones(data.rows());
    int n = data.cols();
    double[] x0 = new double[n];
    Solution exact = Solve.run(new Newton(problem), theta, x0,
        SolveOptions.iterations(2, Storage.lastTwo()));
    double[] xStar = exact.x();
    Stationarity condition = new Stationarity(problem);
    Implicit implicit = new Implicit(s -> condition, "cholesky", 1e-12, 0,
        DiagnosticsOptions.none());
    double[] jStar = implicit.jacobian(exact).jacobian();
    double jNorm = Errors.norm(jStar);
    GradientDescent gd = new GradientDescent(problem, StepRule.parse(in.step()));
    gd.step(theta); // the step's eigenvalue computation, outside the timed solve
    int k = in.iterations();
    BenchClock clock = BenchClock.CPU;
    long t0 = clock.nanos();
    Solution sol = Solve.run(gd, theta, x0, SolveOptions.iterations(k, Storage.full()));
    double perIteration = (clock.nanos() - t0) * 1e-9 / k;
    OneStep oneStep = new OneStep(DiagnosticsOptions.full());
    OneStep oneStepTimed = new OneStep(DiagnosticsOptions.none());
    for (int w = 0; w < 20; w++) { // JIT warm-up of the timed calls
      implicit.jacobian(sol);
      oneStepTimed.jacobian(sol);
    }
    MatrixForwardTrace forward = new MatrixForwardTrace(gd, sol.trajectory(), theta);
    int[] checkpoints = Errors.checkpoints(k);
    double[][] errors = new double[5][checkpoints.length];
    double[] forwardSeconds = new double[checkpoints.length];
    double[] implicitSeconds = new double[checkpoints.length];
    double[] oneStepSeconds = new double[checkpoints.length - 1];
    double elapsed = 0;
    double[] state = new double[sol.trajectory().stateDim()];
    for (int i = 0; i < checkpoints.length; i++) {
      int c = checkpoints[i];
      long f0 = clock.nanos();
      while (forward.iteration() < c) {
        forward.advance();
      }
      elapsed += (clock.nanos() - f0) * 1e-9;
      forwardSeconds[i] = elapsed;
      sol.trajectory().state(c, state);
      errors[0][i] = Errors.relative(Arrays.copyOf(state, n), xStar);
      errors[1][i] = Errors.distance(forward.jacobian(n), jStar, jStar.length) / jNorm;
      Solution at = new Solution(gd, theta, sol.trajectory().prefix(c),
          gd.residual(state, theta), true, perIteration * c);
      long i0 = clock.nanos();
      double[] ji = implicit.jacobian(at).jacobian();
      implicitSeconds[i] = (clock.nanos() - i0) * 1e-9;
      errors[2][i] = Errors.distance(ji, jStar, jStar.length) / jNorm;
      if (c >= 1) {
        long o0 = clock.nanos();
        oneStepTimed.jacobian(at);
        oneStepSeconds[i - 1] = (clock.nanos() - o0) * 1e-9;
        JacobianEstimate jo = oneStep.jacobian(at);
        errors[3][i] = Errors.distance(jo.jacobian(), jStar, jStar.length) / jNorm;
        errors[4][i] = jo.diagnostics().oneStepBound() / jNorm;
      }
    }
    // implicit's and one-step's costs do not depend on k: the median of their calls
    double implicitCost = median(implicitSeconds);
    double oneStepCost = median(oneStepSeconds);
    List<Point> out = new ArrayList<>();
    for (int i = 0; i < checkpoints.length; i++) {
      int c = checkpoints[i];
      double solve = perIteration * c;
      out.add(point(in, "iterates", c, solve, errors[0][i]));
      out.add(point(in, "unrolled-forward", c, solve + forwardSeconds[i], errors[1][i]));
      out.add(point(in, "implicit", c, solve + implicitCost, errors[2][i]));
      if (c >= 1) {
        out.add(point(in, "one-step", c, solve + oneStepCost, errors[3][i]));
        out.add(point(in, "one-step-bound", c, solve + oneStepCost, errors[4][i]));
      }
    }
    return out;
  }

  private static Point point(Instance in, String series, int k, double seconds, double error) {
    return new Point(in.dataset(), in.kappa(), in.step(), series, k, seconds, error, "ok");
  }

  private static double median(double[] v) {
    double[] c = v.clone();
    Arrays.sort(c);
    return c.length % 2 == 1 ? c[c.length / 2] : 0.5 * (c[c.length / 2 - 1] + c[c.length / 2]);
  }

  private static double[] ones(int n) {
    double[] v = new double[n];
    Arrays.fill(v, 1.0);
    return v;
  }

  private static StudyResult write(StudyOptions options, List<Instance> grid,
      List<Point> points) throws IOException {
    CsvTable csv = new CsvTable("dataset", "kappa", "step", "series", "k", "seconds",
        "relative_error", "status");
    for (Point p : points) {
      csv.add(p.dataset(), p.kappa(), p.step(), p.series(), p.k(), p.seconds(),
          p.relativeError(), p.status());
    }
    List<Path> files = new ArrayList<>();
    files.add(csv.write(options.out().resolve(NAME + ".csv")));
    List<String> findings = new ArrayList<>();
    List<String> datasets = grid.stream().map(Instance::dataset).distinct().toList();
    for (int d = 0; d < datasets.size(); d++) {
      String dataset = datasets.get(d);
      FigureGrid figure = new FigureGrid(4, 520, 420);
      List<XYChart> byK = new ArrayList<>();
      List<XYChart> byTime = new ArrayList<>();
      for (Instance in : grid) {
        if (in.dataset().equals(dataset)) {
          byK.add(figure.panel(title(in), "iteration k", "relative error", false, true));
        }
      }
      for (Instance in : grid) {
        if (in.dataset().equals(dataset)) {
          byTime.add(figure.panel(title(in), "time (s): solve to k + estimator",
              "relative error", true, true));
        }
      }
      int panel = 0;
      for (Instance in : grid) {
        if (!in.dataset().equals(dataset)) {
          continue;
        }
        List<Point> mine = points.stream().filter(p -> p.dataset().equals(dataset)
            && p.kappa() == in.kappa() && p.step().equals(in.step())).toList();
        XYChart ck = byK.get(panel);
        XYChart ct = byTime.get(panel);
        panel++;
        if (mine.size() == 1 && !mine.get(0).status().equals("ok")) {
          findings.add(title(in) + " on " + dataset + ": failed: " + mine.get(0).status());
          ck.setTitle(title(in) + " (failed)");
          ct.setTitle(title(in) + " (failed)");
          continue;
        }
        draw(ck, ct, mine, "iterates", 6, FigureGrid.Line.DOTTED, "iterates x_k");
        for (int s = 0; s < SERIES.length; s++) {
          draw(ck, ct, mine, SERIES[s], s, FigureGrid.Line.SOLID, SERIES[s] + " Jacobian");
        }
        draw(ck, ct, mine, "one-step-bound", 2, FigureGrid.Line.DASHED,
            "one-step bound rho/(1-rho)|J_theta F|");
        ck.getStyler().setLegendVisible(panel == 1);
        ck.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSW);
        ct.getStyler().setLegendVisible(false);
        findings.add(finding(dataset, in, mine));
      }
      String suffix = d == 0 ? "" : "-real";
      files.addAll(figure.write(options.out().resolve(NAME + suffix)));
    }
    return new StudyResult(files, findings);
  }

  private static String title(Instance in) {
    return String.format(Locale.ROOT, "%s: kappa = %.0f, step %s", in.dataset(), in.kappa(),
        in.step());
  }

  private static void draw(XYChart byK, XYChart byTime, List<Point> points, String series,
      int color, FigureGrid.Line line, String label) {
    List<Point> s = points.stream().filter(p -> p.series().equals(series)).toList();
    double[] k = s.stream().mapToDouble(Point::k).toArray();
    double[] t = s.stream().mapToDouble(Point::seconds).toArray();
    double[] e = s.stream().mapToDouble(Point::relativeError).toArray();
    if (Arrays.stream(e).noneMatch(v -> v > 0 && Double.isFinite(v))) {
      return; // nothing a log axis can show (e.g. a bound that is NaN for rho >= 1)
    }
    FigureGrid.series(byK, label, k, e, color, line);
    FigureGrid.series(byTime, label, t, e, color, line);
  }

  private static String finding(String dataset, Instance in, List<Point> points) {
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-22s kappa %4.0f %-9s "
        + "k = %d:", dataset, in.kappa(), in.step(), in.iterations()));
    for (String s : new String[] {"iterates", "unrolled-forward", "implicit", "one-step",
        "one-step-bound"}) {
      Point last = points.stream().filter(p -> p.series().equals(s)
          && p.k() == in.iterations()).findFirst().orElseThrow();
      b.append(String.format(Locale.ROOT, " %s %.2e (%.2f s)", s, last.relativeError(),
          last.seconds()));
    }
    return b.toString();
  }
}
