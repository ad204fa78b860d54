package dev.iterdiff.spark.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The start scan's refinement: the vertex of the parabola through the best scanned point and its
 * neighbours is exact on a quadratic, stays between the neighbours, and falls back to the best
 * point at the ends of the scan or where a neighbour was not evaluated.
 */
class ScanStartVertexTest {

  // GIVEN f = 0.7·(x − 2.3)² + 1 at x = 1, 2, 3, 4 WHEN the best is x = 2 THEN the vertex 2.3
  @Test
  void vertexIsExactOnAQuadraticAndClamped() {
    double[] x = {1, 2, 3, 4};
    double[] f = new double[4];
    for (int i = 0; i < 4; i++) {
      f[i] = 0.7 * (x[i] - 2.3) * (x[i] - 2.3) + 1;
    }
    assertEquals(2.3, HypergradientTuner.vertex(x, f, 1), 1e-12);
    // a steep wall on one side pulls the vertex out of range: kept within the neighbours
    double[] g = {5.0, 1.0, 1.0 + 1e-9, 9.0};
    double v = HypergradientTuner.vertex(x, g, 1);
    assertEquals(true, v >= 1.0 && v <= 3.0, "vertex " + v + " within [1, 3]");
    assertEquals(1.0, HypergradientTuner.vertex(x, f, 0), 0.0, "left end: the point itself");
    assertEquals(4.0, HypergradientTuner.vertex(x, f, 3), 0.0, "right end: the point itself");
    double[] missing = {Double.NaN, f[1], f[2], f[3]};
    assertEquals(2.0, HypergradientTuner.vertex(x, missing, 1), 0.0, "no left neighbour");
  }
}
