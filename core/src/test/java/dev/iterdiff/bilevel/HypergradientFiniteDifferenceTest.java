package dev.iterdiff.bilevel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.data.LibsvmReader;
import dev.iterdiff.problem.LabeledData;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cross-validated hypergradient ∇_θ G(θ), G = mean over folds of the validation loss at
 * the converged inner solution, against central finite differences of G itself (inner solves
 * to ‖∇ₓf‖ ≤ 1e-12, so G is evaluated through x*(θ) to ~1e-12).
 */
class HypergradientFiniteDifferenceTest {

  static LabeledData sample(String name) throws Exception {
    return LibsvmReader.read(Path.of("data-samples", name));
  }

  static InnerSpec spec(String problem, HyperparameterKind kind, String solver,
      String estimator, String loss) {
    return new InnerSpec(problem, 1.0, kind, solver, solver.equals("gd") ? "1/L" : "", 100_000,
        estimator, "auto",
        estimator.equals("truncated") ? 50 : 0, loss);
  }

  /** Central differences of G in each coordinate of θ, with relative step h. */
  static double[] finiteDifferences(InnerSpec spec, LabeledData data, List<Fold> folds,
      double[] theta, double h) {
    double[] fd = new double[theta.length];
    for (int j = 0; j < theta.length; j++) {
      double[] tp = theta.clone();
      double[] tm = theta.clone();
      double step = h * theta[j];
      tp[j] += step;
      tm[j] -= step;
      double gp = spec.local(data, folds).evaluate(tp, 1e-12).value();
      double gm = spec.local(data, folds).evaluate(tm, 1e-12).value();
      fd[j] = (gp - gm) / (2 * step);
    }
    return fd;
  }

  static void assertMatches(double[] expected, double[] actual, double rel, String what) {
    double scale = 0;
    for (double v : expected) {
      scale = Math.max(scale, Math.abs(v));
    }
    for (int j = 0; j < expected.length; j++) {
      assertEquals(expected[j], actual[j], rel * scale, what + " coordinate " + j);
    }
  }

  @Test
  void ridgePerFeatureOnDiabetesMatchesFiniteDifferences() throws Exception {
    LabeledData data = sample("diabetes.libsvm");
    List<Fold> folds = KFold.split(data.rows(), 3, 11L);
    InnerSpec spec = spec("ridge", HyperparameterKind.PER_FEATURE, "gd", "implicit", "squared");
    double[] theta = new double[data.cols()];
    for (int j = 0; j < theta.length; j++) {
      theta[j] = 0.05 * (j + 1);
    }
    double[] hg = spec.local(data, folds).evaluate(theta, 1e-12).gradient();
    assertMatches(finiteDifferences(spec, data, folds, theta, 1e-4), hg, 1e-6,
        "ridge per-feature");
  }

  @Test
  void logisticSingleLambdaOnBreastCancerMatchesFiniteDifferences() throws Exception {
    LabeledData data = sample("breast-cancer.libsvm");
    List<Fold> folds = KFold.split(data.rows(), 4, 5L);
    InnerSpec spec = spec("logistic", HyperparameterKind.SINGLE, "newton", "implicit",
        "logistic");
    double[] theta = {0.01};
    double[] hg = spec.local(data, folds).evaluate(theta, 1e-12).gradient();
    assertMatches(finiteDifferences(spec, data, folds, theta, 1e-4), hg, 1e-6,
        "logistic single");
  }

  @Test
  void otherEstimatorsAgreeWithImplicitOnAConvergedSolve() throws Exception {
    LabeledData data = sample("diabetes.libsvm");
    List<Fold> folds = KFold.split(data.rows(), 3, 11L);
    double[] theta = {0.3};
    double[] implicit = spec("ridge", HyperparameterKind.SINGLE, "gd", "implicit", "squared")
        .local(data, folds).evaluate(theta, 1e-12).gradient();
    // unrolled through the whole (converged) gradient-descent solve = implicit
    double[] unrolled = spec("ridge", HyperparameterKind.SINGLE, "gd", "unrolled-reverse",
        "squared").local(data, folds).evaluate(theta, 1e-12).gradient();
    assertMatches(implicit, unrolled, 1e-6, "unrolled-reverse vs implicit");
    // one step of Newton is exact at convergence (Bolte et al. 2023)
    double[] oneStep = spec("ridge", HyperparameterKind.SINGLE, "newton", "one-step",
        "squared").local(data, folds).evaluate(theta, 1e-12).gradient();
    assertMatches(implicit, oneStep, 1e-8, "one-step Newton vs implicit");
  }

  @Test
  void perSampleWeightsMatchFiniteDifferences() throws Exception {
    LabeledData all = sample("diabetes.libsvm");
    int[] rows = new int[40];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = 7 * i;
    }
    LabeledData data = KFold.subset(all, rows, "diabetes (40 rows)");
    List<Fold> folds = KFold.split(data.rows(), 2, 3L);
    InnerSpec spec = new InnerSpec("weighted-ridge", 0.5, HyperparameterKind.PER_SAMPLE,
        "newton", "", 100, "implicit", "auto", 0, "squared");
    double[] theta = new double[data.rows()];
    for (int i = 0; i < theta.length; i++) {
      theta[i] = 0.5 + 0.02 * i;
    }
    double[] hg = spec.local(data, folds).evaluate(theta, 1e-12).gradient();
    assertMatches(finiteDifferences(spec, data, folds, theta, 1e-4), hg, 1e-6, "per-sample");
  }

  @Test
  void badInputHasClearMessages() throws Exception {
    LabeledData data = sample("diabetes.libsvm");
    List<Fold> folds = KFold.split(data.rows(), 3, 11L);
    InnerSpec spec = spec("ridge", HyperparameterKind.SINGLE, "gd", "implicit", "squared");
    LocalEvaluator ev = spec.local(data, folds);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ev.evaluate(new double[] {-1.0}, 1e-8));
    assertTrue(e.getMessage().contains("-1.0"), e.getMessage());
    // outer data with 9 features for an inner problem with 10
    LabeledData nine = new LabeledData(new double[9 * 5], 5, 9, new double[5], "nine.libsvm");
    FoldHypergradient ok = spec.fold(data, folds.get(0));
    assertEquals(10, ok.dim());
    e = assertThrows(IllegalArgumentException.class,
        () -> OuterObjectives.create("squared", nine, 10));
    assertTrue(e.getMessage().contains("nine.libsvm has 9 features but the inner problem has 10"),
        e.getMessage());
  }
}
