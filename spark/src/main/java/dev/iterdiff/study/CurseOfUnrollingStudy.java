package dev.iterdiff.study;

import dev.iterdiff.data.QuadraticSpectrum;
import dev.iterdiff.data.QuadraticSpectrum.Spacing;
import dev.iterdiff.diff.Implicit;
import dev.iterdiff.optimality.Stationarity;
import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.problem.Problem;
import dev.iterdiff.problem.Problems;
import dev.iterdiff.report.FigureGrid;
import dev.iterdiff.solver.Solution;
import dev.iterdiff.solver.Solve;
import dev.iterdiff.solver.SolveOptions;
import dev.iterdiff.solver.Solvers;
import dev.iterdiff.solver.Storage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;

/**
 * {@code curse-of-unrolling}: Scieur, Bertrand, Gidel &amp; Pedregosa, <i>The Curse of
 * Unrolling: Rate of Differentiating Through Optimization</i> (NeurIPS 2022), Figures 1 and 3:
 * the relative error of the unrolled Jacobian ∂x_k/∂θ (solid) and of the iterates x_k
 * (dotted) against k, log-scale y, on the quadratic f = ½ s xᵀHx − cᵀx with θ = s and H of a
 * chosen spectrum (uniform in [μ, L] = [1/κ, 1]; default n = 50, κ = 100, 1000 iterations;
 * {@code --full}: n = 200, κ = 1000, 4000 iterations), for gradient descent with step 1/L
 * (no burn-in: the error never grows) and 2/(μ+L) (a burn-in: the Jacobian error grows
 * like k·|1 − tL|^k until k ≈ κ/2), heavy ball and Chebyshev (both at the accelerated rate
 * (√κ−1)/(√κ+1), drawn dashed). The paper's main point shows: the fastest method for the
 * iterates is not the fastest for the Jacobian, whose error lags by a factor k.
 *
 * <p>The linear term is c = Σᵢ λᵢ qᵢ (qᵢ, λᵢ: H's eigenpairs), so that J* = −H⁻¹c = −Σᵢ qᵢ
 * weighs every eigendirection alike and the burn-in of the top directions shows in the
 * total error (with c of random coordinates the bottom directions, weighted 1/λ², hide it).
 *
 * <p>CSV columns: method, k, iterate_error, jacobian_error (relative to ‖x*‖, ‖J*‖; x* and
 * J* from Newton, exact on a quadratic, and implicit differentiation).
 */
public final class CurseOfUnrollingStudy implements Study {

  /** The study's name. */
  public static final String NAME = "curse-of-unrolling";

  /** {label, solver, step} of the methods drawn. */
  static final String[][] METHODS = {
      {"gd 1/L", "gd", "1/L"}, {"gd 2/(mu+L)", "gd", "2/(mu+L)"},
      {"heavy-ball", "heavy-ball", null}, {"chebyshev", "chebyshev", null}};

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Scieur et al. 2022, Figs. 1 and 3: unrolled Jacobian and iterate errors against "
        + "k on a quadratic (gd 1/L, gd 2/(mu+L), heavy ball, Chebyshev)";
  }

  @Override
  public StudyResult run(StudyOptions options) throws IOException {
    int n = options.full() ? 200 : 50;
    double kappa = options.full() ? 1000 : 100;
    int k = (options.full() ? 4000 : 1000) / options.scale();
    QuadraticSpectrum spectrum =
        new QuadraticSpectrum(n, 1 / kappa, 1, Spacing.UNIFORM, options.seed());
    Problem problem = Problems.create("quadratic", loadedOnEigenvalues(spectrum), 1, 1.0);
    double[] theta = {1.0};
    double[] x0 = new double[n];
    Solution reference = Solve.run(Solvers.create("newton", problem, null), theta, x0,
        SolveOptions.iterations(3, Storage.lastTwo()));
    double[] xStar = reference.x();
    double[] jStar = new Implicit(new Stationarity(problem)).jacobian(reference).jacobian();
    double rate = (Math.sqrt(kappa) - 1) / (Math.sqrt(kappa) + 1);

    CsvTable csv = new CsvTable("method", "k", "iterate_error", "jacobian_error");
    FigureGrid figure = new FigureGrid(1, 1100, 600);
    XYChart chart = figure.panel(String.format(Locale.ROOT,
        "Curse of unrolling: quadratic, n = %d, kappa = %.0f (uniform spectrum)", n, kappa),
        "iteration k", "relative error (iterates dotted, Jacobians solid)", false, true);
    double[] ks = new double[k + 1];
    for (int i = 0; i <= k; i++) {
      ks[i] = i;
    }
    List<String> findings = new ArrayList<>();
    for (int c = 0; c < METHODS.length; c++) {
      String[] m = METHODS[c];
      double[][] e = ForwardTrace.relativeErrors(Solvers.create(m[1], problem, m[2]), theta,
          x0, k, xStar, jStar);
      for (int i = 0; i <= k; i++) {
        csv.add(m[0], i, e[0][i], e[1][i]);
      }
      FigureGrid.series(chart, m[0] + " Jacobian", thin(ks, k), thin(e[1], k), c,
          FigureGrid.Line.SOLID);
      FigureGrid.series(chart, m[0] + " iterates", thin(ks, k), thin(e[0], k), c,
          FigureGrid.Line.DOTTED);
      int peak = 0;
      for (int i = 1; i <= k; i++) {
        peak = e[1][i] > e[1][peak] ? i : peak;
      }
      findings.add(String.format(Locale.ROOT, "%-12s Jacobian error at k = %d: %.3g "
          + "(peak %.3g at k = %d); iterates %.3g", m[0], k, e[1][k], e[1][peak], peak,
          e[0][k]));
    }
    double[] guide = new double[k + 1];
    for (int i = 0; i <= k; i++) {
      guide[i] = Math.pow(rate, i);
    }
    FigureGrid.series(chart, String.format(Locale.ROOT, "((sqrt(kappa)-1)/(sqrt(kappa)+1))^k"),
        thin(ks, k), thin(guide, k), 6, FigureGrid.Line.DASHED);
    chart.getStyler().setYAxisMin(1e-16);
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
    Path base = options.out().resolve(NAME);
    List<Path> files = new ArrayList<>();
    files.add(csv.write(options.out().resolve(NAME + ".csv")));
    files.addAll(figure.write(base));
    return new StudyResult(files, findings);
  }

  /**
   * The quadratic of the spectrum with labels y = √n·Λ^{1/2}·1, i.e. c = Aᵀy/n = Σᵢ λᵢ qᵢ
   * (QuadraticSpectrum writes A = √n Λ^{1/2} Qᵀ, row i for eigenvalue λᵢ).
   */
  static LabeledData loadedOnEigenvalues(QuadraticSpectrum spectrum) {
    LabeledData d = spectrum.generate("spectrum " + spectrum);
    double[] lambda = spectrum.eigenvalues();
    double[] y = new double[d.rows()];
    for (int i = 0; i < y.length; i++) {
      y[i] = Math.sqrt(d.rows() * lambda[i]);
    }
    return new LabeledData(d.a(), d.rows(), d.cols(), y, d.source() + ", c = sum lambda_i q_i");
  }

  /** Every ⌈(k+1)/100⌉-th value, the last included: a plotted line of at most ~100 points. */
  static double[] thin(double[] v, int k) {
    int every = Math.max(1, (k + 1 + 99) / 100);
    int count = (v.length - 1) / every + 1 + ((v.length - 1) % every == 0 ? 0 : 1);
    double[] out = new double[count];
    for (int i = 0, j = 0; j < count; i += every, j++) {
      out[j] = v[Math.min(i, v.length - 1)];
    }
    return out;
  }
}
