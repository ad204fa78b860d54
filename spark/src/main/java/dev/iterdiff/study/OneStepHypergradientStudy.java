package dev.iterdiff.study;

import dev.iterdiff.bench.BenchClock;
import dev.iterdiff.bilevel.ValidationSquaredLoss;
import dev.iterdiff.data.SyntheticRidgeData;
import dev.iterdiff.diff.DiagnosticsOptions;
import dev.iterdiff.diff.Implicit;
import dev.iterdiff.diff.JacobianEstimator;
import dev.iterdiff.diff.OneStep;
import dev.iterdiff.diff.VectorEstimate;
import dev.iterdiff.optimality.Stationarity;
import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.problem.RidgeProblem;
import dev.iterdiff.report.FigureGrid;
import dev.iterdiff.solver.GradientDescent;
import dev.iterdiff.solver.Solution;
import dev.iterdiff.solver.Solve;
import dev.iterdiff.solver.SolveOptions;
import dev.iterdiff.solver.StepRule;
import dev.iterdiff.solver.Storage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;

/**
 * {@code one-step-hypergradient}: Bolte, Pauwels &amp; Vaiter, <i>One-step differentiation of
 * iterative algorithms</i> (NeurIPS 2023), the bilevel section: hypergradient descent whose
 * hypergradients come from the one-step estimator, against the same descent with implicit
 * differentiation.
 *
 * <p>Bilevel problem: ridge with one λ, inner f(x; λ) = 1/(2N)‖Ax − b‖² + λ/2·‖x‖² on a
 * training set, solved by gradient descent with step 2/(μ+L) to ‖∇ₓf‖ ≤ 1e−12 (warm-started
 * from the previous outer step); outer h(λ) = 1/(2V)‖A_v x*(λ) − b_v‖² on held-out rows;
 * descent on φ = log λ with a fixed step 1, ∇_φh = λ·∂_λh, from λ₀ = 30 (over-regularized).
 * Data: the synthetic generator ({@link SyntheticRidgeData}, 150 × 20, κ(AᵀA/N) = 10, noise 8;
 * the first 50 rows train, the other 100 validate). With m = 1 &lt; n the one-step
 * hypergradient −t·xᵀ∇ₓg and the true one −xᵀH⁻¹∇ₓg vanish at different λ: one-step descent
 * stops at a biased point.
 *
 * <p>The bound: with contraction factor ρ of the inner iteration, the one-step Jacobian errs
 * by at most ρ/(1−ρ)·‖J_θF‖_F (the paper's Jacobian bound; {@code Diagnostics.oneStepBound}),
 * so its hypergradient in φ errs by at most ε(φ) = λ·ρ/(1−ρ)·‖J_θF‖_F·‖∇ₓg(x)‖. Descent with
 * gradients erring by at most ε and a step η ≤ 1/L_h gives
 * min_{t&lt;T}‖∇h(φ_t)‖² ≤ 2(h(φ₀) − inf h)/(ηT) + ε², so its iterates approach the set
 * ‖∇h‖ ≤ ε — an ε-approximate critical point (the paper's conclusion for bilevel problems).
 * The study draws ε at each one-step iterate (dashed) beside the true |∂_φh| there (implicit,
 * at the tightly solved x). Implicit descent drives |∂_φh| to zero. Time: CPU time of the
 * inner solves and hypergradients (the bound's ρ estimate and the true |∂_φh| are not timed),
 * after a warm-up run of both methods.
 *
 * <p>CSV columns: method, step, seconds (cumulative: inner solves + hypergradients),
 * outer_loss, gradient_norm (‖∇_φh‖ by implicit differentiation), epsilon (one-step only, else
 * NaN), inner_iterations.
 */
public final class OneStepHypergradientStudy implements Study {

  /** The study's name. */
  public static final String NAME = "one-step-hypergradient";

  /** Inner tolerance on ‖∇ₓf‖. */
  static final double INNER_TOLERANCE = 1e-12;

  /** Outer step on φ = log λ. */
  static final double OUTER_STEP = 1.0;

  /** Noise of the synthetic targets (the held-out loss then prefers λ ≈ 2). */
  static final double NOISE = 8;

  /** λ₀: the descent starts over-regularized. */
  static final double LAMBDA0 = 30;

  /** The methods. */
  static final String[] METHODS = {OneStep.NAME, Implicit.NAME};

  /**
   * One outer step of one method.
   *
   * @param method          the estimator of the hypergradient.
   * @param step            outer step t.
   * @param seconds         cumulative seconds of inner solves and hypergradients to step t.
   * @param loss            h(φ_t).
   * @param gradientNorm    ‖∇_φh(φ_t)‖, by implicit differentiation.
   * @param epsilon         the bound ε(φ_t) on the one-step hypergradient's error (NaN for
   *                        implicit).
   * @param innerIterations inner iterations of this step's solve.
   * @param phi             φ_t.
   */
  record Step(String method, int step, double seconds, double loss, double gradientNorm,
      double epsilon, int innerIterations, double[] phi) {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Bolte et al. 2023, bilevel: hypergradient descent with one-step vs implicit, "
        + "outer loss against steps and time, the bound epsilon on the critical point";
  }

  /** Train and validation sets. */
  static LabeledData[] data(long seed) {
    LabeledData all = new SyntheticRidgeData(150, 20, 10, NOISE, seed).generate("synthetic");
    return new LabeledData[] {rows(all, 0, 50, "train 50 x 20"),
        rows(all, 50, 150, "validation 100 x 20")};
  }

  private static LabeledData rows(LabeledData d, int from, int to, String name) {
    int r = to - from;
    double[] a = new double[r * d.cols()];
    double[] b = Arrays.copyOfRange(d.labels(), from, to);
    for (int j = 0; j < d.cols(); j++) {
      System.arraycopy(d.a(), from + j * d.rows(), a, j * r, r);
    }
    return new LabeledData(a, r, d.cols(), b, name);
  }

  /** h(λ) at the inner solution solved from 0 to ‖∇ₓf‖ ≤ 1e−13 (the tests' reference). */
  static double outerLoss(double lambda, long seed) {
    LabeledData[] d = data(seed);
    RidgeProblem problem = new RidgeProblem(d[0], 1);
    Solution s = Solve.run(new GradientDescent(problem, StepRule.optimal()),
        new double[] {lambda}, new double[d[0].cols()],
        new SolveOptions(1_000_000, 1e-13, Storage.lastTwo()));
    return new ValidationSquaredLoss(d[1]).value(s.x(), new double[] {lambda});
  }

  /**
   * Hypergradient descent with one estimator.
   *
   * @param method one-step or implicit.
   * @param steps  outer steps T (T + 1 evaluations).
   * @param seed   data seed.
   */
  static List<Step> descend(String method, int steps, long seed) {
    LabeledData[] d = data(seed);
    RidgeProblem problem = new RidgeProblem(d[0], 1);
    ValidationSquaredLoss outer = new ValidationSquaredLoss(d[1]);
    int p = 1;
    Stationarity condition = new Stationarity(problem);
    Implicit implicit = new Implicit(s -> condition, "cholesky", 1e-12, 0,
        DiagnosticsOptions.none());
    boolean oneStep = method.equals(OneStep.NAME);
    JacobianEstimator timed = oneStep ? new OneStep(DiagnosticsOptions.none()) : implicit;
    OneStep withBound = new OneStep(DiagnosticsOptions.full());
    int n = d[0].cols();
    double[] phi = {Math.log(LAMBDA0)};
    double[] x = new double[n];
    double[] lambda = new double[p];
    double[] gx = new double[n];
    List<Step> out = new ArrayList<>();
    double seconds = 0;
    for (int t = 0; t <= steps; t++) {
      for (int j = 0; j < p; j++) {
        lambda[j] = Math.exp(phi[j]);
      }
      long t0 = BenchClock.CPU.nanos();
      Solution s = Solve.run(new GradientDescent(problem, StepRule.optimal()), lambda, x,
          new SolveOptions(100_000, INNER_TOLERANCE, Storage.lastTwo()));
      if (s.iterations() == 0) { // a warm start already within tolerance: one iteration
        s = Solve.run(new GradientDescent(problem, StepRule.optimal()), lambda, x,
            SolveOptions.iterations(1, Storage.lastTwo()));
      }
      x = s.x();
      outer.gradientX(x, lambda, gx);
      VectorEstimate g = timed.vjp(s, gx);
      seconds += (BenchClock.CPU.nanos() - t0) * 1e-9;
      double[] gPhi = new double[p];
      double maxLambda = 0;
      for (int j = 0; j < p; j++) {
        gPhi[j] = lambda[j] * g.value()[j];
        maxLambda = Math.max(maxLambda, lambda[j]);
      }
      double[] exact = oneStep ? implicit.vjp(s, gx).value() : g.value();
      double trueNorm = 0;
      for (int j = 0; j < p; j++) {
        trueNorm += Math.pow(lambda[j] * exact[j], 2);
      }
      double epsilon = oneStep
          ? maxLambda * withBound.vjp(s, gx).diagnostics().oneStepBound() * Errors.norm(gx)
          : Double.NaN;
      out.add(new Step(method, t, seconds, outer.value(x, lambda), Math.sqrt(trueNorm),
          epsilon, s.iterations(), phi.clone()));
      for (int j = 0; j < p; j++) {
        phi[j] -= OUTER_STEP * gPhi[j];
      }
    }
    return out;
  }

  @Override
  public StudyResult run(StudyOptions options) throws IOException {
    int steps = (options.full() ? 400 : 100) / options.scale();
    for (String m : METHODS) {
      descend(m, 5, options.seed()); // JIT warm-up, not drawn
    }
    List<List<Step>> runs = new ArrayList<>();
    for (String m : METHODS) {
      runs.add(descend(m, steps, options.seed()));
    }
    double best = Double.POSITIVE_INFINITY;
    for (List<Step> run : runs) {
      for (Step s : run) {
        best = Math.min(best, s.loss());
      }
    }
    CsvTable csv = new CsvTable("method", "step", "lambda", "seconds", "outer_loss",
        "gradient_norm", "epsilon", "inner_iterations");
    FigureGrid figure = new FigureGrid(3, 560, 440);
    String excess = "excess validation loss h(lambda_t) - min h";
    XYChart byStep = figure.panel("Hypergradient descent: outer loss", "outer step t", excess,
        false, true);
    XYChart byTime = figure.panel("Outer loss against time", "time (s): inner solves + "
        + "hypergradients", excess, false, true);
    XYChart critical = figure.panel("One-step stops inside its epsilon-neighbourhood", "outer step t",
        "|d h / d phi| at phi_t = log lambda_t", false, true);
    List<String> findings = new ArrayList<>();
    for (int c = 0; c < METHODS.length; c++) {
      List<Step> run = runs.get(c);
      for (Step s : run) {
        csv.add(s.method(), s.step(), Math.exp(s.phi()[0]), s.seconds(), s.loss(),
            s.gradientNorm(), s.epsilon(), s.innerIterations());
      }
      double[] t = run.stream().mapToDouble(Step::step).toArray();
      double[] sec = run.stream().mapToDouble(Step::seconds).toArray();
      final double min = best;
      double[] loss = run.stream().mapToDouble(s -> s.loss() - min).toArray();
      double[] grad = run.stream().mapToDouble(Step::gradientNorm).toArray();
      FigureGrid.series(byStep, METHODS[c], t, loss, c, FigureGrid.Line.SOLID);
      FigureGrid.series(byTime, METHODS[c], sec, loss, c, FigureGrid.Line.SOLID);
      FigureGrid.series(critical, METHODS[c] + ": true |dh/dphi|", t, grad, c,
          FigureGrid.Line.SOLID);
      Step last = run.get(run.size() - 1);
      String head = String.format(Locale.ROOT, "%-9s after %d steps: lambda %.4g, loss %.6g, "
          + "|dh/dphi| %.3g (from %.3g)", METHODS[c], steps, Math.exp(last.phi()[0]),
          last.loss(), last.gradientNorm(), run.get(0).gradientNorm());
      if (METHODS[c].equals(OneStep.NAME)) {
        double[] eps = run.stream().mapToDouble(Step::epsilon).toArray();
        FigureGrid.series(critical, "one-step bound epsilon", t, eps, 6,
            FigureGrid.Line.DASHED);
        head += String.format(Locale.ROOT, ", epsilon %.3g (from %.3g)", last.epsilon(),
            run.get(0).epsilon());
      }
      findings.add(head + String.format(Locale.ROOT, ", %.3f s", last.seconds()));
    }
    critical.getStyler().setLegendPosition(
        org.knowm.xchart.style.Styler.LegendPosition.InsideSW);
    byStep.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSW);
    byTime.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSW);
    List<Path> files = new ArrayList<>();
    files.add(csv.write(options.out().resolve(NAME + ".csv")));
    files.addAll(figure.write(options.out().resolve(NAME)));
    return new StudyResult(files, findings);
  }
}
