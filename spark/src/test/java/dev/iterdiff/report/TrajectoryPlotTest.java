package dev.iterdiff.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

class TrajectoryPlotTest {

  static final double[] VALUES = {3, 2, 1.5, 1.2, 1.1};
  static final double[][] THETAS = {{1, 1}, {0.5, 2}, {0.3, 3}, {0.2, 3.5}, {0.2, 3.9}};

  @Test
  void writesAReadablePngWithCurvesDrawn() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    TrajectoryPlot.write("test", VALUES, THETAS, bytes);
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes.toByteArray()));
    assertEquals(2 * 620, img.getWidth());
    assertEquals(2 * 420, img.getHeight(), "3 panels on a grid of 2 columns: 2 rows");
    int coloured = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int rgb = img.getRGB(x, y) & 0xffffff;
        int r = rgb >> 16;
        int b = rgb & 0xff;
        if (b > r + 60) {
          coloured++;
        }
      }
    }
    assertTrue(coloured > 200, "the objective curve is drawn: " + coloured + " blue pixels");
  }

  @Test
  void panelsAreTitledLabelledWithLegendsAndLogWhereTheLossFlattens() {
    double[] norms = {1, 0.1, 0.01, 1e-3, 1e-4};
    FigureGrid fig = TrajectoryPlot.figure("hyperopt", VALUES, norms, THETAS);
    assertEquals(4, fig.size());
    XYChart objective = fig.panelAt(0);
    assertTrue(objective.getTitle().contains("outer objective"), objective.getTitle());
    assertEquals("outer iteration", objective.getXAxisTitle());
    XYChart gap = fig.panelAt(1);
    assertTrue(gap.getStyler().isYAxisLogarithmic(), "the gap to the best value is on a log axis");
    // the last value is the best: its gap is 0 and is left out of the log axis, not drawn at 0
    assertEquals(4, gap.getSeriesMap().get("objective − best").getXData().length);
    assertTrue(fig.panelAt(2).getStyler().isYAxisLogarithmic());
    XYChart theta = fig.panelAt(3);
    assertTrue(theta.getStyler().isYAxisLogarithmic(), "positive theta: log scale");
    assertEquals(java.util.Set.of("θ_0", "θ_1"), theta.getSeriesMap().keySet(),
        "one legend entry per coordinate");
    assertTrue(theta.getStyler().isLegendVisible());
  }

  @Test
  void negativeThetaIsDrawnOnALinearAxisAndOnlyTheFirstCoordinatesAreDrawn() {
    double[][] thetas = new double[2][20];
    thetas[0][3] = -1;
    FigureGrid fig = TrajectoryPlot.figure("distill", new double[] {2, 1}, null, thetas);
    assertEquals(3, fig.size(), "no gradient norms: no gradient panel");
    XYChart theta = fig.panelAt(2);
    assertFalse(theta.getStyler().isYAxisLogarithmic());
    assertEquals(TrajectoryPlot.MAX_SERIES, theta.getSeriesMap().size());
    assertTrue(theta.getTitle().contains("first 12 of 20"), theta.getTitle());
  }

  @Test
  void mismatchedRowsAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TrajectoryPlot.write("t", new double[2], new double[3][1],
            new ByteArrayOutputStream()));
    assertTrue(e.getMessage().contains("2 values vs 3 theta rows"), e.getMessage());
  }
}
