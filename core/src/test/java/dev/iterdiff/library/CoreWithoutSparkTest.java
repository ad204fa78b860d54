package dev.iterdiff.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.diff.EstimatorEntry;
import dev.iterdiff.diff.EstimatorOptions;
import dev.iterdiff.diff.Estimators;
import dev.iterdiff.diff.JacobianEstimate;
import dev.iterdiff.diff.JacobianEstimator;
import dev.iterdiff.linalg.Cholesky;
import dev.iterdiff.linalg.DenseMatrixOperator;
import dev.iterdiff.linalg.LinearSolveResult;
import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.problem.Problem;
import dev.iterdiff.problem.Problems;
import dev.iterdiff.solver.IterativeSolver;
import dev.iterdiff.solver.Solution;
import dev.iterdiff.solver.Solve;
import dev.iterdiff.solver.SolveOptions;
import dev.iterdiff.solver.Solvers;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The core module is a plain library: its tests run with only the core artifact's declared
 * dependencies on the class path (netlib, Hipparchus, slf4j-api — no Spark, Scala or Hadoop,
 * no slf4j binding), and every registered estimator runs there, including the implicit one
 * whose linear-solver factory logs through slf4j. Each is checked against the closed-form ridge
 * Jacobian J* = −(AᵀA/N + λI)⁻¹ x* (single λ) computed here by a dense solve.
 */
class CoreWithoutSparkTest {

  @Test
  void noSparkScalaOrHadoopOnTheClassPath() {
    for (String name : List.of("org.apache.spark.SparkContext", "scala.Option",
        "org.apache.hadoop.conf.Configuration", "org.apache.logging.log4j.LogManager",
        "com.typesafe.config.Config", "picocli.CommandLine", "com.fasterxml.jackson.databind.ObjectMapper")) {
      assertThrows(ClassNotFoundException.class, () -> Class.forName(name), name);
    }
  }

  @Test
  void everyRegisteredEstimatorRunsAndMatchesTheClosedForm() {
    // GIVEN ridge on 40 × 5 random data, one λ, Newton to machine precision
    int rows = 40;
    int p = 5;
    SplittableRandom rng = new SplittableRandom(7);
    double[] a = new double[rows * p];
    double[] b = new double[rows];
    for (int i = 0; i < a.length; i++) {
      a[i] = rng.nextGaussian();
    }
    for (int i = 0; i < rows; i++) {
      b[i] = rng.nextGaussian();
    }
    LabeledData data = new LabeledData(a, rows, p, b, "random 40x5");
    double lambda = 0.3;
    double[] theta = {lambda};
    Problem problem = Problems.create("ridge", data, 1, 1.0);
    IterativeSolver newton = Solvers.create("newton", problem, "1");
    EstimatorOptions options = EstimatorOptions.defaults().withTruncation(3);
    List<String> names = Estimators.NAMES;
    Solution s = Solve.run(newton, theta, new double[p],
        SolveOptions.iterations(3, Estimators.requiredStorage(names, 3, options)));

    // the closed form: H = AᵀA/N + λI, x* = H⁻¹Aᵀb/N, J = −H⁻¹x*
    double[] h = new double[p * p];
    double[] atb = new double[p];
    for (int j = 0; j < p; j++) {
      for (int k = 0; k < p; k++) {
        double sum = 0;
        for (int i = 0; i < rows; i++) {
          sum += a[i + j * rows] * a[i + k * rows];
        }
        h[j + k * p] = sum / rows + (j == k ? lambda : 0);
      }
      for (int i = 0; i < rows; i++) {
        atb[j] += a[i + j * rows] * b[i] / rows;
      }
    }
    double[] xStar = new double[p];
    double[] jStar = new double[p];
    DenseMatrixOperator hOp = new DenseMatrixOperator(p, h);
    LinearSolveResult r = new Cholesky(1e-14).solve(hOp, p, atb, xStar);
    assertTrue(r.relativeResidual() < 1e-14);
    new Cholesky(1e-14).solve(hOp, p, xStar, jStar);
    for (int j = 0; j < p; j++) {
      jStar[j] = -jStar[j];
    }

    // THEN every registered estimator: unrolled / truncated / implicit / one-step after Newton
    // agree with J* to 1e-10 (Newton's last step is exact on a quadratic)
    assertEquals(Estimators.CATALOG.entries().size(), names.size());
    for (EstimatorEntry entry : Estimators.CATALOG) {
      JacobianEstimator e = entry.factory().create(options);
      JacobianEstimate est = e.jacobian(s);
      double err = 0;
      double norm = 0;
      for (int j = 0; j < p; j++) {
        err += Math.pow(est.jacobian()[j] - jStar[j], 2);
        norm += jStar[j] * jStar[j];
      }
      assertTrue(Math.sqrt(err / norm) < 1e-10, entry.name() + ": " + Math.sqrt(err / norm));
    }
  }
}
