package dev.iterdiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code iterdiff jacobian --problem qp} end to end on the committed sample
 * data-samples/qp-n6.json (n = 6, two equalities, three inequalities, θ = b): the implicit
 * (kkt) Jacobian against central differences (h = 1e-5) of the CLI's own solutions at
 * b ± h·eⱼ solved to 1e-11 — relative 1e-6 —, one-step against implicit to 1e-6 (the one-step
 * paper's agreement at its stopping tolerance), θ from the file by default or from
 * {@code --theta}, the generator spec as {@code --data}, and every bad input one line naming
 * the option and the field.
 */
class JacobianQpCommandTest {

  private static final String QP = "data-samples/qp-n6.json";

  private static JsonNode json(String... args) throws IOException {
    CommandRun r = CommandRun.of(args);
    assertEquals(0, r.status(), r.err());
    return new ObjectMapper().readTree(r.out());
  }

  private static JsonNode solve(String data, String theta, String estimators)
      throws IOException {
    return theta == null
        ? json("jacobian", "--problem", "qp", "--data", data, "--solver", "interior-point",
            "--iterations", "200", "--tol", "1e-11", "--estimator", estimators,
            "--condition", "kkt")
        : json("jacobian", "--problem", "qp", "--data", data, "--theta", theta, "--solver",
            "interior-point", "--iterations", "200", "--tol", "1e-11", "--estimator",
            estimators, "--condition", "kkt");
  }

  @Test
  void implicitAndOneStepMatchCentralDifferencesOfTheSolution() throws IOException {
    JsonNode r = solve(QP, null, "implicit,one-step");
    assertEquals(6, r.get("features").asInt());
    assertEquals(5, r.get("samples").asInt());
    assertEquals(1.0, r.get("theta").get(0).asDouble());
    assertEquals(0.2, r.get("theta").get(1).asDouble());
    assertTrue(r.get("converged").asBoolean());
    JsonNode implicit = r.get("estimates").get(0).get("jacobian");
    JsonNode oneStep = r.get("estimates").get(1).get("jacobian");
    double h = 1e-5;
    double[] b = {1, 0.2};
    double errFd = 0;
    double errOne = 0;
    double scale = 0;
    for (int j = 0; j < 2; j++) {
      double[] bp = b.clone();
      double[] bm = b.clone();
      bp[j] += h;
      bm[j] -= h;
      JsonNode xp = solve(QP, bp[0] + "," + bp[1], "one-step").get("x");
      JsonNode xm = solve(QP, bm[0] + "," + bm[1], "one-step").get("x");
      for (int i = 0; i < 6; i++) {
        double fd = (xp.get(i).asDouble() - xm.get(i).asDouble()) / (2 * h);
        double ji = implicit.get(i).get(j).asDouble();
        errFd = Math.max(errFd, Math.abs(ji - fd));
        errOne = Math.max(errOne, Math.abs(oneStep.get(i).get(j).asDouble() - ji));
        scale = Math.max(scale, Math.abs(ji));
      }
    }
    assertTrue(scale > 0.1, "|J| " + scale);
    assertTrue(errFd < 1e-6 * scale, "implicit vs central differences " + errFd / scale);
    assertTrue(errOne < 1e-6 * scale, "one-step vs implicit " + errOne / scale);
  }

  @Test
  void generatorSpecIsDataAndKktIsTheDefaultCondition() throws IOException {
    JsonNode r = json("jacobian", "--problem", "qp", "--data", "generate:n=8,seed=3,theta=q",
        "--solver", "interior-point", "--iterations", "100", "--tol", "1e-10", "--estimator",
        "implicit");
    assertEquals(8, r.get("features").asInt());
    assertEquals(8, r.get("theta").size());
    assertEquals(8, r.get("estimates").get(0).get("jacobian").get(0).size());
  }

  private static String error(String... args) {
    CommandRun r = CommandRun.of(args);
    assertEquals(2, r.status(), r.out() + r.err());
    assertEquals(1, r.errLines().length, r.err());
    return r.err();
  }

  @Test
  void badInputsNameTheOptionAndTheField(@TempDir Path dir) throws IOException {
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, Files.readString(Path.of(QP)).replace("\"h\": [0, 0, 0.4]",
        "\"h\": [0, 0]"));
    String e = error("jacobian", "--problem", "qp", "--data", bad.toString(), "--solver",
        "interior-point", "--estimator", "implicit", "--condition", "kkt");
    assertTrue(e.contains("--data") && e.contains("h"), e);
    e = error("jacobian", "--problem", "qp", "--data", QP, "--theta", "1,2,3", "--solver",
        "interior-point", "--estimator", "implicit", "--condition", "kkt");
    assertTrue(e.contains("--theta '1,2,3'") && e.contains("b"), e);
    e = error("jacobian", "--problem", "qp", "--data", "generate:n=0,seed=1", "--solver",
        "interior-point", "--estimator", "implicit", "--condition", "kkt");
    assertTrue(e.contains("--data 'generate:n=0,seed=1'") && e.contains("n"), e);
    e = error("jacobian", "--problem", "ridge", "--data", "data-samples/diabetes.libsvm",
        "--solver", "gd", "--estimator", "implicit");
    assertTrue(e.contains("--theta: required for problem ridge"), e);
  }
}
