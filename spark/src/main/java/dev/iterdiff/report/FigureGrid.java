package dev.iterdiff.report;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A figure of one or more XChart line panels laid out in a grid, written as PNG (Java2D on a
 * BufferedImage) and SVG (VectorGraphics2D), both headless ({@code java.awt.headless=true} is
 * set before AWT loads). The studies' convention, as in the papers' figures: iterates dotted,
 * Jacobians solid; one colour per method, shared between the two ({@link #color}).
 */
public final class FigureGrid {

  /** How a series is drawn. */
  public enum Line {
    /** Solid: Jacobian errors. */
    SOLID,
    /** Dotted: iterate errors. */
    DOTTED,
    /** Dashed: reference rates and bounds. */
    DASHED
  }

  /** The palette (colour-blind safe, Okabe–Ito). */
  private static final Color[] PALETTE = {
      new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115),
      new Color(204, 121, 167), new Color(230, 159, 0), new Color(86, 180, 233),
      new Color(0, 0, 0)};

  static {
    System.setProperty("java.awt.headless", "true");
  }

  private final int columns;
  private final int panelWidth;
  private final int panelHeight;
  private final List<XYChart> panels = new ArrayList<>();

  /**
   * @param columns     panels per row (≥ 1).
   * @param panelWidth  pixels.
   * @param panelHeight pixels.
   * @throws IllegalArgumentException on a size below 1.
   */
  public FigureGrid(int columns, int panelWidth, int panelHeight) {
    if (columns < 1 || panelWidth < 100 || panelHeight < 100) {
      throw new IllegalArgumentException("figure: columns " + columns + ", panel "
          + panelWidth + "x" + panelHeight + " (need >= 1 and >= 100x100)");
    }
    this.columns = columns;
    this.panelWidth = panelWidth;
    this.panelHeight = panelHeight;
  }

  /** The i-th colour of the palette (cycling). */
  public static Color color(int i) {
    return PALETTE[Math.floorMod(i, PALETTE.length)];
  }

  /**
   * Adds a panel and returns it for {@link #series}.
   *
   * @param title  panel title.
   * @param xLabel x-axis label with its unit.
   * @param yLabel y-axis label with its unit.
   * @param logX   logarithmic x axis.
   * @param logY   logarithmic y axis.
   */
  public XYChart panel(String title, String xLabel, String yLabel, boolean logX, boolean logY) {
    XYChart chart = new XYChartBuilder().width(panelWidth).height(panelHeight).title(title)
        .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
    XYStyler st = chart.getStyler();
    st.setXAxisLogarithmic(logX);
    st.setYAxisLogarithmic(logY);
    st.setPlotGridLinesColor(new Color(230, 230, 230));
    st.setPlotGridLinesStroke(new BasicStroke(0.6f)); // solid: dashes bloat the SVG
    st.setLegendPosition(LegendPosition.InsideNE);
    st.setChartBackgroundColor(Color.WHITE);
    st.setLegendBorderColor(Color.LIGHT_GRAY);
    st.setMarkerSize(0);
    panels.add(chart);
    return chart;
  }

  /**
   * Adds a line to a panel. Points whose y is not finite, or ≤ 0 on a log axis (and x ≤ 0 on
   * a log x axis), are dropped, so an error that reached exactly 0 ends its line.
   *
   * @param chart a panel of this figure.
   * @param name  legend entry (unique in the panel).
   * @param x     abscissae. Not modified.
   * @param y     ordinates, same length. Not modified.
   * @param color colour index ({@link #color}).
   * @param line  line style.
   * @throws IllegalArgumentException if the lengths differ or no point is left.
   */
  public static void series(XYChart chart, String name, double[] x, double[] y, int color,
      Line line) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("series " + name + ": " + x.length + " x vs "
          + y.length + " y");
    }
    boolean logX = chart.getStyler().isXAxisLogarithmic();
    boolean logY = chart.getStyler().isYAxisLogarithmic();
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      boolean ok = Double.isFinite(x[i]) && Double.isFinite(y[i]) && (!logX || x[i] > 0)
          && (!logY || y[i] > 0);
      if (ok) {
        xs.add(x[i]);
        ys.add(y[i]);
      }
    }
    if (xs.isEmpty()) {
      throw new IllegalArgumentException("series " + name + ": no finite point to draw");
    }
    XYSeries s = chart.addSeries(name, xs, ys);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(color(color));
    s.setLineStyle(switch (line) {
      case SOLID -> new BasicStroke(2.0f);
      case DOTTED -> new BasicStroke(2.0f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f,
          new float[] {1.5f, 5f}, 0f);
      case DASHED -> new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
          new float[] {6f, 4f}, 0f);
    });
  }

  /** The i-th panel added (for its styling and series). */
  public XYChart panelAt(int i) {
    return panels.get(i);
  }

  /** Number of panels added. */
  public int size() {
    return panels.size();
  }

  /**
   * Writes {@code base.png} and {@code base.svg}.
   *
   * @param base path without extension; its directory is created.
   * @return the two files written.
   * @throws IllegalStateException if the figure has no panel.
   */
  public List<Path> write(Path base) throws IOException {
    if (panels.isEmpty()) {
      throw new IllegalStateException("figure " + base + " has no panel");
    }
    Path dir = base.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    int rows = (panels.size() + columns - 1) / columns;
    int cols = Math.min(columns, panels.size());
    int width = cols * panelWidth;
    int height = rows * panelHeight;
    Path png = base.resolveSibling(base.getFileName() + ".png");
    Path svg = base.resolveSibling(base.getFileName() + ".svg");
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    paint(g, width, height);
    g.dispose();
    try (OutputStream out = Files.newOutputStream(png)) {
      ImageIO.write(img, "png", out);
    }
    VectorGraphics2D vg = new VectorGraphics2D();
    paint(vg, width, height);
    try (OutputStream out = Files.newOutputStream(svg)) {
      new SVGProcessor().getDocument(vg.getCommands(), new PageSize(0, 0, width, height))
          .writeTo(out);
    }
    return List.of(png, svg);
  }

  /**
   * The figure as PNG bytes (the raster {@link #write} writes), for pages that embed it.
   *
   * @throws IllegalStateException if the figure has no panel.
   */
  public byte[] png() throws IOException {
    if (panels.isEmpty()) {
      throw new IllegalStateException("figure has no panel");
    }
    int rows = (panels.size() + columns - 1) / columns;
    int width = Math.min(columns, panels.size()) * panelWidth;
    int height = rows * panelHeight;
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    paint(g, width, height);
    g.dispose();
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    if (!ImageIO.write(img, "png", out)) {
      throw new IOException("no PNG writer available");
    }
    return out.toByteArray();
  }

  private void paint(Graphics2D g, int width, int height) {
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    for (int i = 0; i < panels.size(); i++) {
      Graphics2D cell = (Graphics2D) g.create();
      cell.translate((i % columns) * panelWidth, (i / columns) * panelHeight);
      panels.get(i).paint(cell, panelWidth, panelHeight);
      cell.dispose();
    }
  }
}
