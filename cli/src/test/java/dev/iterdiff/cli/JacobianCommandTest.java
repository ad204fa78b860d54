package dev.iterdiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iterdiff.data.LibsvmReader;
import dev.iterdiff.problem.LabeledData;
import java.io.IOException;
import java.nio.file.Path;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.DecompositionSolver;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.junit.jupiter.api.Test;

/**
 * {@code iterdiff jacobian} end to end on the committed data samples, against closed forms
 * computed here with Hipparchus (independent of the core): for ridge,
 * H = AᵀA/N + diag(λ), x* = H⁻¹Aᵀb/N and the derivative of x* in λⱼ is −H⁻¹ eⱼ x*ⱼ (single
 * λ: −H⁻¹x*); for weighted ridge with one shared weight w, H = w·AᵀA + αI, x* = H⁻¹ w·Aᵀb
 * and the derivative of x* in w is H⁻¹(Aᵀb − AᵀA x*). Logistic regression, with no closed
 * form, is checked against central differences of the solution computed by the CLI itself.
 */
class JacobianCommandTest {

  private static final Path DIABETES = Path.of("data-samples/diabetes.libsvm");

  private static JsonNode json(String... args) throws IOException {
    CommandRun r = CommandRun.of(args);
    assertEquals(0, r.status(), r.err());
    assertEquals("", r.err());
    return new ObjectMapper().readTree(r.out());
  }

  private static RealMatrix design(LabeledData d) {
    RealMatrix a = new Array2DRowRealMatrix(d.rows(), d.cols());
    for (int i = 0; i < d.rows(); i++) {
      for (int j = 0; j < d.cols(); j++) {
        a.setEntry(i, j, d.get(i, j));
      }
    }
    return a;
  }

  /** max |J_json − J_ref| / max |J_ref|. */
  private static double relativeError(JsonNode jac, RealMatrix ref) {
    assertEquals(ref.getRowDimension(), jac.size(), "rows n");
    double err = 0;
    double scale = 0;
    for (int i = 0; i < ref.getRowDimension(); i++) {
      assertEquals(ref.getColumnDimension(), jac.get(i).size(), "columns m");
      for (int j = 0; j < ref.getColumnDimension(); j++) {
        err = Math.max(err, Math.abs(jac.get(i).get(j).asDouble() - ref.getEntry(i, j)));
        scale = Math.max(scale, Math.abs(ref.getEntry(i, j)));
      }
    }
    return err / scale;
  }

  @Test
  void ridgeWithOneLambdaMatchesTheClosedForm() throws IOException {
    // GIVEN diabetes (442 x 10, standardized) and lambda = 0.1
    LabeledData d = LibsvmReader.read(DIABETES);
    RealMatrix a = design(d);
    int n = d.cols();
    RealMatrix h = a.transposeMultiply(a).scalarMultiply(1.0 / d.rows())
        .add(identity(n).scalarMultiply(0.1));
    DecompositionSolver hinv = new LUDecomposition(h).getSolver();
    RealVector xStar = hinv.solve(a.transpose().operate(new ArrayRealVector(d.labels()))
        .mapMultiply(1.0 / d.rows()));
    RealMatrix jRef = new Array2DRowRealMatrix(n, 1);
    jRef.setColumnVector(0, hinv.solve(xStar).mapMultiply(-1));
    // WHEN gradient descent runs 3000 iterations and three estimators differentiate it
    JsonNode out = json("jacobian", "--problem", "ridge", "--data", DIABETES.toString(),
        "--theta", "0.1", "--solver", "gd", "--iterations", "3000", "--estimator",
        "implicit,unrolled-forward,one-step", "--format", "json");
    // THEN x and the implicit and unrolled Jacobians agree with the closed form
    assertEquals("ridge", out.get("problem").asText());
    assertEquals("gd", out.get("solver").asText());
    assertEquals(3000, out.get("iterations").asInt());
    for (int i = 0; i < n; i++) {
      assertEquals(xStar.getEntry(i), out.get("x").get(i).asDouble(), 1e-10, "x[" + i + "]");
    }
    JsonNode est = out.get("estimates");
    assertEquals("implicit", est.get(0).get("estimator").asText());
    assertTrue(relativeError(est.get(0).get("jacobian"), jRef) < 1e-9);
    assertEquals("unrolled-forward", est.get(1).get("estimator").asText());
    assertTrue(relativeError(est.get(1).get("jacobian"), jRef) < 1e-9);
    // one-step is the gd step's J_θF = −t·x: far from J* on ridge (Bolte et al. 2023)
    assertEquals("one-step", est.get(2).get("estimator").asText());
    assertTrue(relativeError(est.get(2).get("jacobian"), jRef) > 0.5);
    assertTrue(est.get(0).get("diagnostics").get("linearSolver").isTextual());
  }

  @Test
  void ridgeWithOneLambdaPerFeatureMatchesTheClosedForm() throws IOException {
    LabeledData d = LibsvmReader.read(DIABETES);
    RealMatrix a = design(d);
    int n = d.cols();
    double[] lambda = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};
    RealMatrix h = a.transposeMultiply(a).scalarMultiply(1.0 / d.rows());
    for (int j = 0; j < n; j++) {
      h.addToEntry(j, j, lambda[j]);
    }
    DecompositionSolver hinv = new LUDecomposition(h).getSolver();
    RealVector xStar = hinv.solve(a.transpose().operate(new ArrayRealVector(d.labels()))
        .mapMultiply(1.0 / d.rows()));
    RealMatrix jRef = hinv.solve(identity(n)).scalarMultiply(-1);
    for (int j = 0; j < n; j++) {
      jRef.setColumnVector(j, jRef.getColumnVector(j).mapMultiply(xStar.getEntry(j)));
    }
    JsonNode out = json("jacobian", "--problem", "ridge", "--data", DIABETES.toString(),
        "--theta", "0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9,1", "--solver", "newton",
        "--iterations", "5", "--estimator", "implicit,unrolled-reverse", "--format", "json");
    assertTrue(relativeError(out.get("estimates").get(0).get("jacobian"), jRef) < 1e-10);
    assertTrue(relativeError(out.get("estimates").get(1).get("jacobian"), jRef) < 1e-10);
  }

  @Test
  void weightedRidgeWithOneSharedWeightMatchesTheClosedForm() throws IOException {
    LabeledData d = LibsvmReader.read(DIABETES);
    RealMatrix a = design(d);
    int n = d.cols();
    double w = 0.01;
    double alpha = 2;
    RealMatrix ata = a.transposeMultiply(a);
    RealVector atb = a.transpose().operate(new ArrayRealVector(d.labels()));
    DecompositionSolver hinv = new LUDecomposition(ata.scalarMultiply(w)
        .add(identity(n).scalarMultiply(alpha))).getSolver();
    RealVector xStar = hinv.solve(atb.mapMultiply(w));
    RealMatrix jRef = new Array2DRowRealMatrix(n, 1);
    jRef.setColumnVector(0, hinv.solve(atb.subtract(ata.operate(xStar))));
    JsonNode out = json("jacobian", "--problem", "weighted-ridge", "--data",
        DIABETES.toString(), "--theta", "0.01", "--alpha", "2", "--solver", "newton",
        "--iterations", "3", "--estimator", "implicit", "--format", "json");
    assertTrue(relativeError(out.get("estimates").get(0).get("jacobian"), jRef) < 1e-10);
  }

  /** x* of logistic regression on breast cancer at λ, by the CLI's Newton solve. */
  private static double[] logisticX(double lambda) throws IOException {
    JsonNode out = json("jacobian", "--problem", "logistic", "--data",
        "data-samples/breast-cancer.libsvm", "--theta", Double.toString(lambda), "--solver",
        "newton", "--iterations", "50", "--tol", "1e-13", "--estimator", "one-step");
    assertTrue(out.get("converged").asBoolean());
    double[] x = new double[out.get("x").size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = out.get("x").get(i).asDouble();
    }
    return x;
  }

  @Test
  void logisticWithNewtonMatchesCentralDifferencesOfTheSolution() throws IOException {
    // GIVEN the solution map λ ↦ x*(λ), differenced centrally with h = 1e-5 (error O(h²))
    double lambda = 0.01;
    double h = 1e-5;
    double[] plus = logisticX(lambda + h);
    double[] minus = logisticX(lambda - h);
    RealMatrix fd = new Array2DRowRealMatrix(plus.length, 1);
    for (int i = 0; i < plus.length; i++) {
      fd.setEntry(i, 0, (plus[i] - minus[i]) / (2 * h));
    }
    // WHEN implicit and one-step differentiate the converged Newton solve
    JsonNode out = json("jacobian", "--problem", "logistic", "--data",
        "data-samples/breast-cancer.libsvm", "--theta", "0.01", "--solver", "newton",
        "--iterations", "30", "--estimator", "implicit,one-step", "--format", "json");
    // THEN both match the differences, and one-step of Newton equals implicit (exact one-step)
    JsonNode implicit = out.get("estimates").get(0).get("jacobian");
    JsonNode oneStep = out.get("estimates").get(1).get("jacobian");
    assertTrue(relativeError(implicit, fd) < 1e-6, "implicit vs FD " + relativeError(implicit, fd));
    assertTrue(relativeError(oneStep, fd) < 1e-6, "one-step vs FD " + relativeError(oneStep, fd));
    RealMatrix imp = new Array2DRowRealMatrix(implicit.size(), 1);
    for (int i = 0; i < implicit.size(); i++) {
      imp.setEntry(i, 0, implicit.get(i).get(0).asDouble());
    }
    assertTrue(relativeError(oneStep, imp) < 1e-10, "one-step vs implicit");
  }

  /** Per-sample weights 1 + (i mod 3)/2 on breast cancer (569 rows), entry j shifted by dw. */
  private static String weights(int j, double dw) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 569; i++) {
      b.append(i == 0 ? "" : ",").append(1 + (i % 3) / 2.0 + (i == j ? dw : 0));
    }
    return b.toString();
  }

  /** Newton on weighted logistic regression: to ‖∇f‖ ≤ 1e-13, or exactly 30 iterations. */
  private static JsonNode weightedLogistic(String weights, String estimators, boolean tol)
      throws IOException {
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("jacobian",
        "--problem", "weighted-logistic", "--alpha", "0.01", "--data",
        "data-samples/breast-cancer.libsvm", "--theta", weights, "--solver", "newton",
        "--estimator", estimators));
    args.addAll(tol ? java.util.List.of("--iterations", "50", "--tol", "1e-13")
        : java.util.List.of("--iterations", "30"));
    return json(args.toArray(new String[0]));
  }

  @Test
  void weightedLogisticPerSampleWeightsMatchCentralDifferencesAndOneStepEqualsImplicit()
      throws IOException {
    // GIVEN 30 Newton iterations (x_(k-1) converged too) and the 30 x 569 Jacobian by implicit
    // and one-step
    JsonNode out = weightedLogistic(weights(-1, 0), "implicit,one-step", false);
    assertTrue(out.get("converged").isNull(), "no --tol: no criterion to converge against");
    JsonNode implicit = out.get("estimates").get(0).get("jacobian");
    JsonNode oneStep = out.get("estimates").get(1).get("jacobian");
    RealMatrix imp = new Array2DRowRealMatrix(30, 569);
    for (int i = 0; i < 30; i++) {
      for (int j = 0; j < 569; j++) {
        imp.setEntry(i, j, implicit.get(i).get(j).asDouble());
      }
    }
    // THEN one-step equals implicit (one-step differentiation of Newton is exact)
    assertTrue(relativeError(oneStep, imp) < 1e-10, "one-step vs implicit "
        + relativeError(oneStep, imp));
    // AND the column of the sample that matters most (well-classified samples have columns
    // of 1e-8, below what differences of x* resolve) matches central differences of x* in
    // that weight, h = 1e-3 (truncation O(h²), rounding ~1e-16/h)
    int j = 0;
    for (int c = 1; c < 569; c++) {
      if (imp.getColumnVector(c).getNorm() > imp.getColumnVector(j).getNorm()) {
        j = c;
      }
    }
    double h = 1e-3;
    JsonNode plus = weightedLogistic(weights(j, h), "one-step", true).get("x");
    JsonNode minus = weightedLogistic(weights(j, -h), "one-step", true).get("x");
    RealMatrix fd = new Array2DRowRealMatrix(30, 1);
    double[][] column = new double[30][1];
    for (int i = 0; i < 30; i++) {
      fd.setEntry(i, 0, (plus.get(i).asDouble() - minus.get(i).asDouble()) / (2 * h));
      column[i][0] = imp.getEntry(i, j);
    }
    JsonNode implicitColumn = new ObjectMapper().valueToTree(column);
    assertTrue(relativeError(implicitColumn, fd) < 1e-6,
        "implicit vs FD, sample " + j + ": " + relativeError(implicitColumn, fd));
  }

  @Test
  void weightedLogisticNeedsOneWeightPerSample() {
    CommandRun r = CommandRun.of("jacobian", "--problem", "weighted-logistic", "--data",
        "data-samples/breast-cancer.libsvm", "--theta", "1", "--solver", "newton",
        "--estimator", "implicit");
    assertTrue(r.status() != 0);
    assertTrue(r.err().contains("weighted-logistic: theta has one weight per sample: expected "
        + "569 values"), r.err());
    assertTrue(r.err().contains("got 1"), r.err());
  }

  @Test
  void tableFormatSummarizesTheRun() {
    CommandRun r = CommandRun.of("jacobian", "--problem", "logistic", "--data",
        "data-samples/breast-cancer.libsvm", "--theta", "0.01", "--solver", "newton",
        "--iterations", "20", "--estimator", "implicit,one-step,truncated(2)",
        "--format", "table");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().startsWith("problem   logistic on data-samples/breast-cancer.libsvm "
        + "(569 samples x 30 features), theta = [0.01]"), r.out());
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("truncated(2) ")), r.out());
    assertTrue(r.out().contains("J = dx/dtheta by implicit (30 x 1), top-left corner:"), r.out());
  }

  private static RealMatrix identity(int n) {
    RealMatrix m = new Array2DRowRealMatrix(n, n);
    for (int i = 0; i < n; i++) {
      m.setEntry(i, i, 1);
    }
    return m;
  }
}
