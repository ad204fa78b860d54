package dev.iterdiff.report;

import java.io.IOException;
import java.io.OutputStream;
import org.knowm.xchart.XYChart;

/**
 * The trajectory of an outer optimization whose θ is signed or bounded (meta-parameters,
 * pixels: identity and box parametrizations), where log θⱼ per coordinate means nothing:
 * top, the outer objective per iteration; bottom (log y), ‖θ_k‖₂ and the step length
 * ‖θ_k − θ_{k−1}‖₂ per iteration — how far the meta-parameters or images moved and whether
 * the steps shrink. Drawn with XChart ({@link FigureGrid}), headless.
 */
public final class NormTrajectoryPlot {

  private NormTrajectoryPlot() {}

  /**
   * ‖θ_k‖₂ (row 0) and ‖θ_k − θ_{k−1}‖₂ (row 1; NaN at k = 0) per iteration.
   *
   * @param thetas θ per iteration. Not modified.
   */
  public static double[][] norms(double[][] thetas) {
    int n = thetas.length;
    double[][] out = new double[2][n];
    for (int k = 0; k < n; k++) {
      double s = 0;
      double d = 0;
      for (int j = 0; j < thetas[k].length; j++) {
        s += thetas[k][j] * thetas[k][j];
        if (k > 0) {
          double e = thetas[k][j] - thetas[k - 1][j];
          d += e * e;
        }
      }
      out[0][k] = Math.sqrt(s);
      out[1][k] = k == 0 ? Double.NaN : Math.sqrt(d);
    }
    return out;
  }

  /**
   * Writes the PNG.
   *
   * @param title  title of the top panel.
   * @param values outer objective per iteration. Not modified.
   * @param thetas θ per iteration. Not modified.
   * @param out    destination; not closed.
   * @throws IllegalArgumentException if there are no iterations or the row counts differ.
   */
  public static void write(String title, double[] values, double[][] thetas, OutputStream out)
      throws IOException {
    if (values.length == 0 || values.length != thetas.length) {
      throw new IllegalArgumentException("plot: " + values.length + " values vs "
          + thetas.length + " theta rows (need the same, > 0)");
    }
    int n = values.length;
    double[] it = new double[n];
    for (int k = 0; k < n; k++) {
      it[k] = k;
    }
    FigureGrid fig = new FigureGrid(1, 900, 360);
    XYChart top = fig.panel(title, "outer iteration", "outer objective", false, false);
    FigureGrid.series(top, "outer objective", it, values, 0, FigureGrid.Line.SOLID);
    double[][] nm = norms(thetas);
    boolean moved = false;
    boolean nonzero = false;
    for (int k = 0; k < n; k++) {
      moved |= nm[1][k] > 0;
      nonzero |= nm[0][k] > 0;
    }
    XYChart bottom = fig.panel("|theta| and step length |theta_k - theta_k-1|",
        "outer iteration", "2-norm", false, true);
    if (nonzero) {
      FigureGrid.series(bottom, "|theta|", it, nm[0], 1, FigureGrid.Line.SOLID);
    }
    if (moved) {
      FigureGrid.series(bottom, "|delta theta|", it, nm[1], 2, FigureGrid.Line.DOTTED);
    }
    if (!nonzero && !moved) {
      FigureGrid.series(bottom, "|theta| = 0", new double[] {0, Math.max(1, n - 1)},
          new double[] {1, 1}, 3, FigureGrid.Line.DASHED);
    }
    out.write(fig.png());
  }
}
