package dev.iterdiff.spark.distill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.bilevel.OuterEvaluation;
import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.problem.SyntheticDataSoftmax;
import dev.iterdiff.spark.SharedSparkSession;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The outer gradient reduced over partitions and the hypergradient of dataset distillation on a
 * tiny instance (p = 6 pixels, K = 3 classes, M = 3 or 6 synthetic samples, N = 40 real rows).
 */
class DistillHypergradientTest {

  static final int P = 6;
  static final int K = 3;

  /** N real rows: class c has mean pixel pattern c, plus noise. */
  static LabeledData real(int n, long seed) {
    Random rng = new Random(seed);
    double[] a = new double[n * P];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      int c = i % K;
      y[i] = c;
      for (int j = 0; j < P; j++) {
        a[i + j * n] = (j % K == c ? 0.8 : 0.2) + 0.3 * rng.nextGaussian();
      }
    }
    return new LabeledData(a, n, P, y, "real(" + n + ")");
  }

  static double[] uniform(int n, long seed) {
    Random rng = new Random(seed);
    double[] t = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = rng.nextDouble();
    }
    return t;
  }

  @Test
  void sparkReductionEqualsInProcessToTheLastBit() {
    LabeledData data = real(41, 1);
    List<ImageBlock> blocks = ImageBlock.split(data, 4);
    double[] x = uniform(P * K, 2);
    OuterLossAggregator.Total local = RealDataLoss.local(blocks, K).at(x);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(
        SharedSparkSession.get().sparkContext());
    try (SparkRealDataLoss spark = new SparkRealDataLoss(jsc, blocks, K)) {
      OuterLossAggregator.Total onSpark = spark.at(x);
      // bit-exact: the same blocks, the same per-block BLAS calls, sums in partition order
      assertEquals(local.value(), onSpark.value(), 0.0);
      assertArrayEquals(local.gradient(), onSpark.gradient(), 0.0);
      assertEquals(local.accuracy(), onSpark.accuracy(), 0.0);
      assertEquals(41, onSpark.rows());
    }
  }

  @Test
  void partitionedEqualsOnePassOverAllRows() {
    LabeledData data = real(41, 3);
    double[] x = uniform(P * K, 4);
    OuterLossAggregator.Total one = RealDataLoss.local(ImageBlock.split(data, 1), K).at(x);
    OuterLossAggregator.Total four = RealDataLoss.local(ImageBlock.split(data, 4), K).at(x);
    // not bit-exact: the row sums are grouped differently (4 partial sums, then their sum);
    // the difference is rounding, a few ulps of the terms: relative 1e-13 is ample.
    assertEquals(one.value(), four.value(), 1e-13 * Math.abs(one.value()));
    for (int j = 0; j < one.gradient().length; j++) {
      assertEquals(one.gradient()[j], four.gradient()[j], 1e-13, "gradient " + j);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"implicit", "unrolled-reverse"})
  void hypergradientMatchesCentralDifferences(String estimator) {
    int[] labels = {0, 1, 2, 0, 1, 2};
    SyntheticDataSoftmax f = new SyntheticDataSoftmax(P, labels, K, 0.1);
    RealDataLoss outer = RealDataLoss.local(ImageBlock.split(real(40, 5), 3), K);
    DistillEvaluator ev = new DistillEvaluator(f, outer, "nesterov", estimator, 5000);
    double[] theta = uniform(P * labels.length, 6);
    double tol = 1e-13;
    OuterEvaluation e = ev.evaluate(theta, tol);
    assertEquals(0, e.unconverged());
    DistillEvaluator plain = new DistillEvaluator(f, outer, "nesterov", "implicit", 5000);
    double[] fd = new double[theta.length];
    for (int i = 0; i < theta.length; i++) {
      double h = 1e-5;
      double[] tp = theta.clone();
      double[] tm = theta.clone();
      tp[i] += h;
      tm[i] -= h;
      fd[i] = (outer.at(plain.solve(tp, tol)).value() - outer.at(plain.solve(tm, tol)).value())
          / (2 * h);
    }
    double scale = 0;
    for (double v : fd) {
      scale = Math.max(scale, Math.abs(v));
    }
    // central differences: truncation O(h²) ≈ 1e-10, rounding ≈ 1e-16/h ≈ 1e-11 of |G| ~ 1
    for (int i = 0; i < theta.length; i++) {
      assertEquals(fd[i], e.gradient()[i], 1e-7 * scale, estimator + " entry " + i);
    }
    assertTrue(scale > 1e-3, "a hypergradient of some size: " + scale);
  }

  @Test
  void badInputIsNamed() {
    SyntheticDataSoftmax f = new SyntheticDataSoftmax(P, new int[] {0, 1, 2}, K, 0.1);
    RealDataLoss outer = RealDataLoss.local(ImageBlock.split(real(12, 7), 2), K);
    assertEquals("estimator: 'one-step' (valid: implicit, unrolled-reverse)", assertThrows(
        IllegalArgumentException.class,
        () -> new DistillEvaluator(f, outer, "nesterov", "one-step", 10)).getMessage());
    assertEquals("inner max-iterations is 0 (must be > 0)", assertThrows(
        IllegalArgumentException.class,
        () -> new DistillEvaluator(f, outer, "nesterov", "implicit", 0)).getMessage());
    assertEquals("partitions is 13 (must be in 1..12 for real(12))", assertThrows(
        IllegalArgumentException.class, () -> ImageBlock.split(real(12, 7), 13)).getMessage());
  }
}
