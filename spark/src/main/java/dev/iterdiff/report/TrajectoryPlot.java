package dev.iterdiff.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A two-panel PNG of an outer optimization: top, the outer objective per iteration; bottom,
 * log₁₀ θⱼ per iteration (at most {@value #MAX_SERIES} coordinates drawn, the first ones).
 * Drawn with java.awt on a BufferedImage, so it runs headless ({@code java.awt.headless=true}
 * is set before AWT loads) on a driver without a display.
 */
public final class TrajectoryPlot {

  /** Coordinates of θ drawn at most. */
  public static final int MAX_SERIES = 12;
  private static final int WIDTH = 900;
  private static final int PANEL = 330;
  private static final int MARGIN = 70;

  static {
    System.setProperty("java.awt.headless", "true");
  }

  private TrajectoryPlot() {}

  /**
   * Writes the PNG.
   *
   * @param title     title line.
   * @param values    outer objective per iteration. Not modified.
   * @param thetas    θ per iteration (rows = iterations). Not modified.
   * @param out       destination; not closed.
   * @throws IllegalArgumentException if there are no iterations or the row counts differ.
   */
  public static void write(String title, double[] values, double[][] thetas, OutputStream out)
      throws IOException {
    if (values.length == 0 || values.length != thetas.length) {
      throw new IllegalArgumentException("plot: " + values.length + " values vs "
          + thetas.length + " theta rows (need the same, > 0)");
    }
    BufferedImage img = new BufferedImage(WIDTH, 2 * PANEL + 60, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.drawString(title, MARGIN, 22);
    panel(g, 40, "outer objective", new double[][] {values}, false);
    int m = Math.min(MAX_SERIES, thetas[0].length);
    double[][] series = new double[m][values.length];
    for (int k = 0; k < values.length; k++) {
      for (int j = 0; j < m; j++) {
        series[j][k] = Math.log10(thetas[k][j]);
      }
    }
    panel(g, 40 + PANEL + 10, "log10 theta" + (thetas[0].length > m ? " (first " + m + ")" : ""),
        series, true);
    g.dispose();
    if (!ImageIO.write(img, "png", out)) {
      throw new IOException("no PNG writer available");
    }
  }

  private static void panel(Graphics2D g, int top, String label, double[][] series,
      boolean colors) {
    int left = MARGIN;
    int right = WIDTH - 20;
    int bottom = top + PANEL - 40;
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    int n = series[0].length;
    for (double[] s : series) {
      for (double v : s) {
        if (Double.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    if (!(hi > lo)) {
      hi = lo + 1;
      lo = lo - 1;
    }
    g.setColor(Color.GRAY);
    g.drawRect(left, top, right - left, bottom - top);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    g.drawString(label, left, top - 4);
    g.drawString(String.format(Locale.ROOT, "%.4g", hi), 4, top + 10);
    g.drawString(String.format(Locale.ROOT, "%.4g", lo), 4, bottom);
    g.drawString("0", left, bottom + 14);
    g.drawString(String.valueOf(n - 1) + " (outer iteration)", right - 120, bottom + 14);
    g.setStroke(new BasicStroke(1.6f));
    for (int s = 0; s < series.length; s++) {
      g.setColor(colors ? Color.getHSBColor((float) s / series.length, 0.8f, 0.75f)
          : new Color(20, 60, 160));
      int px = -1;
      int py = -1;
      for (int k = 0; k < n; k++) {
        double v = series[s][k];
        if (!Double.isFinite(v)) {
          px = -1;
          continue;
        }
        int x = left + (n == 1 ? 0 : (int) Math.round((double) k * (right - left) / (n - 1)));
        int y = bottom - (int) Math.round((v - lo) / (hi - lo) * (bottom - top));
        if (px >= 0) {
          g.drawLine(px, py, x, y);
        }
        g.fillOval(x - 2, y - 2, 4, 4);
        px = x;
        py = y;
      }
    }
  }
}
