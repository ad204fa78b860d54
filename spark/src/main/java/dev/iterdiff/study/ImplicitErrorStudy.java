package dev.iterdiff.study;

import dev.iterdiff.data.LibsvmReader;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;

/**
 * {@code implicit-error}: Blondel et al., <i>Efficient and Modular Implicit
 * Differentiation</i> (the JAXopt paper, 2021), Theorem 1 and Figure 3: the implicit Jacobian
 * computed at an approximate solution x_k has an error ‖J(x_k) − J*‖ ≤ C·‖x_k − x*‖, linear
 * in the distance to the solution. Measured on ℓ₂-regularized logistic regression on the
 * committed breast-cancer sample (569 × 30, one λ = 0.1 per feature, so J* is 30 × 30), for
 * the iterates of gradient descent (step 1/L, default 2000 iterations, 8000 with
 * {@code --full}) and of Newton's method (line search; and damped 0.3, which converges
 * linearly and so gives more points), against the reference x*, J* of Newton run to machine
 * precision. Log–log axes: a line of slope 1 (dashed) is the theorem's rate.
 *
 * <p>CSV columns: method, k, distance (‖x_k − x*‖), jacobian_error (‖J(x_k) − J*‖_F).
 */
public final class ImplicitErrorStudy implements Study {

  /** The study's name. */
  public static final String NAME = "implicit-error";

  /** The data, relative to the working directory (the repository root). */
  static final Path DATA = Path.of("data-samples", "breast-cancer.libsvm");

  /** {label, solver, step} of the methods drawn. */
  static final String[][] METHODS = {
      {"gd 1/L", "gd", "1/L"}, {"newton", "newton", null}, {"newton damped 0.3", "newton", "0.3"}};

  /** Markers: the methods' points coincide on the line, so each has its own shape. */
  private static final org.knowm.xchart.style.markers.Marker[] MARKERS = {
      new org.knowm.xchart.style.markers.Circle(), new org.knowm.xchart.style.markers.Square(),
      new org.knowm.xchart.style.markers.Cross()};

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Blondel et al. 2021 (JAXopt), Thm. 1: implicit Jacobian error against "
        + "||x_k - x*|| for gradient descent and Newton (logistic, breast cancer)";
  }

  @Override
  public StudyResult run(StudyOptions options) throws IOException {
    if (!Files.isRegularFile(DATA)) {
      throw new IllegalArgumentException(NAME + ": " + DATA + " not found (run from the "
          + "repository root)");
    }
    LabeledData data = LibsvmReader.read(DATA);
    int n = data.cols();
    double[] theta = new double[n];
    Arrays.fill(theta, 0.1);
    double[] x0 = new double[n];
    Problem problem = Problems.create("logistic", data, n, 1.0);
    Solution reference = Solve.run(Solvers.create("newton", problem, null), theta, x0,
        SolveOptions.iterations(30, Storage.lastTwo()));
    double[] xStar = reference.x();
    Implicit implicit = new Implicit(new Stationarity(problem));
    double[] jStar = implicit.jacobian(reference).jacobian();
    int gdIterations = (options.full() ? 8000 : 2000) / options.scale();

    CsvTable csv = new CsvTable("method", "k", "distance", "jacobian_error");
    FigureGrid figure = new FigureGrid(1, 900, 600);
    XYChart chart = figure.panel("Implicit differentiation at x_k: logistic regression, "
        + "breast cancer (569 x 30), lambda = 0.1", "distance to the solution ||x_k - x*||",
        "implicit Jacobian error ||J(x_k) - J*||_F", true, true);
    List<String> findings = new ArrayList<>();
    double lo = Double.POSITIVE_INFINITY;
    double hi = 0;
    double ratio = 0;
    for (int c = 0; c < METHODS.length; c++) {
      String[] m = METHODS[c];
      int[] ks = m[1].equals("gd") ? Errors.checkpoints(gdIterations) : range(m[2] == null
          ? 8 : 60);
      List<double[]> points = new ArrayList<>();
      for (int k : ks) {
        Solution s = Solve.run(Solvers.create(m[1], problem, m[2]), theta, x0,
            SolveOptions.iterations(k, Storage.lastTwo()));
        double d = Errors.distance(s.x(), xStar, n);
        double e = Errors.distance(implicit.jacobian(s).jacobian(), jStar, n * n);
        csv.add(m[0], k, d, e);
        if (d > 1e-12 && e > 0) {
          points.add(new double[] {d, e});
        }
      }
      double[] dx = points.stream().mapToDouble(p -> p[0]).toArray();
      double[] ey = points.stream().mapToDouble(p -> p[1]).toArray();
      FigureGrid.series(chart, m[0], dx, ey, c, FigureGrid.Line.SOLID);
      org.knowm.xchart.XYSeries drawn = chart.getSeriesMap().get(m[0]);
      drawn.setXYSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Scatter);
      drawn.setMarker(MARKERS[c]);
      drawn.setMarkerColor(FigureGrid.color(c));
      double[] logD = Arrays.stream(dx).map(Math::log10).toArray();
      double[] logE = Arrays.stream(ey).map(Math::log10).toArray();
      findings.add(String.format(Locale.ROOT, "%-18s %3d points, log-log slope of the error "
          + "against the distance %.3f (the theorem: 1)", m[0], dx.length,
          Errors.slope(logD, logE)));
      for (int i = 0; i < dx.length; i++) {
        lo = Math.min(lo, dx[i]);
        hi = Math.max(hi, dx[i]);
        ratio = c == 0 && i == dx.length / 2 ? ey[i] / dx[i] : ratio;
      }
    }
    FigureGrid.series(chart, "slope 1", new double[] {lo, hi},
        new double[] {ratio * lo, ratio * hi}, 6, FigureGrid.Line.DASHED);
    chart.getStyler().setMarkerSize(8);
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
    List<Path> files = new ArrayList<>();
    files.add(csv.write(options.out().resolve(NAME + ".csv")));
    files.addAll(figure.write(options.out().resolve(NAME)));
    return new StudyResult(files, findings);
  }

  private static int[] range(int k) {
    int[] ks = new int[k + 1];
    for (int i = 0; i <= k; i++) {
      ks[i] = i;
    }
    return ks;
  }
}
