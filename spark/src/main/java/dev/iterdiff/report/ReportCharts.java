package dev.iterdiff.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's chart kinds on top of {@link FigureGrid} (same styling and palette as the
 * studies' figures): scatter series on an XY panel, and bar charts of values per category
 * (estimators) — all XChart, rendered headless to PNG.
 */
public final class ReportCharts {

  /** Panel size of the report's figures. */
  public static final int WIDTH = 900;
  /** Panel height. */
  public static final int HEIGHT = 480;

  static {
    System.setProperty("java.awt.headless", "true");
  }

  private ReportCharts() {}

  /**
   * Adds points (markers, no line) to an XY panel. Points not finite, or ≤ 0 on a log axis,
   * are dropped.
   *
   * @return whether any point was left (no series is added otherwise).
   */
  public static boolean scatter(XYChart chart, String name, double[] x, double[] y,
      int color) {
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    boolean logX = chart.getStyler().isXAxisLogarithmic();
    boolean logY = chart.getStyler().isYAxisLogarithmic();
    for (int i = 0; i < x.length; i++) {
      if (Double.isFinite(x[i]) && Double.isFinite(y[i]) && (!logX || x[i] > 0)
          && (!logY || y[i] > 0)) {
        xs.add(x[i]);
        ys.add(y[i]);
      }
    }
    if (xs.isEmpty()) {
      return false;
    }
    XYSeries s = chart.addSeries(name, xs, ys);
    s.setXYSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Scatter);
    s.setMarker(SeriesMarkers.CIRCLE);
    s.setMarkerColor(FigureGrid.color(color));
    return true;
  }

  /**
   * Adds a line with a marker on every point (for few points, e.g. one per iteration count).
   *
   * @return whether any point was left.
   */
  public static boolean lineWithMarkers(XYChart chart, String name, double[] x, double[] y,
      int color) {
    if (!scatter(chart, name, x, y, color)) {
      return false;
    }
    XYSeries s = chart.getSeriesMap().get(name);
    s.setXYSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Line);
    s.setLineColor(FigureGrid.color(color));
    s.setLineStyle(new BasicStroke(2.0f));
    return true;
  }

  /** Sets the marker size of a panel's points (FigureGrid's panels have none). */
  public static void markers(XYChart chart, int size) {
    chart.getStyler().setMarkerSize(size);
  }

  /**
   * A bar chart: one group of bars per category, one bar colour per series.
   *
   * @param categories the x categories (e.g. estimators).
   * @param names      series names (legend).
   * @param values     values[s][c]; NaN (or ≤ 0 on a log axis) bars are drawn as absent.
   * @param logY       logarithmic y axis.
   * @param stacked    stack the series instead of grouping them.
   */
  public static byte[] bars(String title, String xLabel, String yLabel,
      List<String> categories, List<String> names, double[][] values, boolean logY,
      boolean stacked) throws IOException {
    CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
        .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
    var st = chart.getStyler();
    st.setYAxisLogarithmic(logY);
    st.setStacked(stacked);
    st.setLegendPosition(LegendPosition.InsideNW);
    st.setChartBackgroundColor(Color.WHITE);
    st.setLegendBorderColor(Color.LIGHT_GRAY);
    st.setPlotGridLinesColor(new Color(230, 230, 230));
    st.setPlotGridLinesStroke(new BasicStroke(0.6f));
    st.setXAxisLabelRotation(0);
    st.setOverlapped(false);
    if (logY) {
      // bars are anchored at 0 unless the axis has its own minimum, which a log axis needs
      double lo = Double.POSITIVE_INFINITY;
      double hi = 0;
      for (double[] row : values) {
        for (double v : row) {
          if (v > 0 && Double.isFinite(v)) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
          }
        }
      }
      if (hi == 0) {
        throw new IllegalArgumentException("bars " + title + ": no positive value for a log axis");
      }
      st.setYAxisMin(Math.pow(10, Math.floor(Math.log10(lo))));
      st.setYAxisMax(Math.pow(10, Math.ceil(Math.log10(hi * 1.0001))));
    }
    for (int s = 0; s < names.size(); s++) {
      List<Double> ys = new ArrayList<>();
      for (int c = 0; c < categories.size(); c++) {
        double v = values[s][c];
        boolean ok = Double.isFinite(v) && (!logY || v > 0);
        ys.add(ok ? v : (logY ? null : 0.0));
      }
      CategorySeries cs = chart.addSeries(names.get(s), categories, ys);
      cs.setFillColor(FigureGrid.color(s));
      cs.setLineColor(FigureGrid.color(s));
    }
    return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
  }
}
