package dev.iterdiff.report;

import java.io.IOException;
import java.io.OutputStream;
import org.knowm.xchart.XYChart;

/**
 * The figure of an outer optimization (hyperopt, metalearn, distill), drawn with XChart
 * through {@link FigureGrid}: the outer objective per outer iteration (linear), its gap to the
 * best value reached (log scale: where the objective flattens, the gap still shows the
 * convergence), the hypergradient norm when known (log), and θⱼ per iteration (log scale when
 * every θ is positive, as with the log parametrization; at most {@value #MAX_SERIES}
 * coordinates, the first ones, each in the legend).
 */
public final class TrajectoryPlot {

  /** Coordinates of θ drawn at most. */
  public static final int MAX_SERIES = 12;
  private static final int WIDTH = 620;
  private static final int HEIGHT = 420;

  private TrajectoryPlot() {}

  /**
   * Writes the PNG: objective, gap to the best value and θ (see the class comment).
   *
   * @param title     the figure's subject (every panel's title starts with it).
   * @param values    outer objective per iteration. Not modified.
   * @param thetas    θ per iteration (rows = iterations). Not modified.
   * @param out       destination; not closed.
   * @throws IllegalArgumentException if there are no iterations or the row counts differ.
   */
  public static void write(String title, double[] values, double[][] thetas, OutputStream out)
      throws IOException {
    out.write(figure(title, values, null, thetas).png());
  }

  /**
   * The figure's panels.
   *
   * @param gradientNorms the hypergradient norm per iteration, or null to leave that panel out.
   * @throws IllegalArgumentException if there are no iterations or the row counts differ.
   */
  public static FigureGrid figure(String title, double[] values, double[] gradientNorms,
      double[][] thetas) {
    int n = values.length;
    if (n == 0 || n != thetas.length || (gradientNorms != null && gradientNorms.length != n)) {
      throw new IllegalArgumentException("plot: " + n + " values vs " + thetas.length
          + " theta rows" + (gradientNorms == null ? "" : " and " + gradientNorms.length
          + " gradient norms") + " (need the same, > 0)");
    }
    double[] k = new double[n];
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      k[i] = i;
      if (Double.isFinite(values[i])) {
        best = Math.min(best, values[i]);
      }
    }
    FigureGrid fig = new FigureGrid(2, WIDTH, HEIGHT);
    XYChart objective = fig.panel(title + ": outer objective", "outer iteration",
        "outer objective (validation loss)", false, false);
    FigureGrid.series(objective, "objective", k, values, 0, FigureGrid.Line.SOLID);
    double[] gap = new double[n];
    for (int i = 0; i < n; i++) {
      gap[i] = values[i] - best;
    }
    XYChart gapPanel = fig.panel("gap to the best value reached (log scale)", "outer iteration",
        "objective − best objective", false, true);
    if (hasPositive(gap)) {
      FigureGrid.series(gapPanel, "objective − best", k, gap, 1, FigureGrid.Line.SOLID);
    } else {
      FigureGrid.series(gapPanel, "no gap: one value", new double[] {0},
          new double[] {1}, 6, FigureGrid.Line.DASHED);
    }
    if (gradientNorms != null && hasPositive(gradientNorms)) {
      XYChart g = fig.panel("hypergradient norm (log scale)", "outer iteration",
          "‖∇G(θ)‖ (in the optimized parametrization)", false, true);
      FigureGrid.series(g, "‖∇G‖", k, gradientNorms, 2, FigureGrid.Line.SOLID);
    }
    int m = Math.min(MAX_SERIES, thetas[0].length);
    boolean positive = true;
    for (double[] t : thetas) {
      for (int j = 0; j < m; j++) {
        positive &= t[j] > 0;
      }
    }
    XYChart th = fig.panel(thetas[0].length > m ? "θ, first " + m + " of " + thetas[0].length
        + " coordinates" : "θ per coordinate", "outer iteration",
        positive ? "θ (log scale)" : "θ", false, positive);
    for (int j = 0; j < m; j++) {
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        y[i] = thetas[i][j];
      }
      FigureGrid.series(th, "θ_" + j, k, y, j, FigureGrid.Line.SOLID);
    }
    if (m > 6) {
      th.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
    }
    return fig;
  }

  private static boolean hasPositive(double[] v) {
    for (double x : v) {
      if (x > 0 && Double.isFinite(x)) {
        return true;
      }
    }
    return false;
  }
}
