package dev.iterdiff.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.data.LibsvmReader;
import dev.iterdiff.data.SyntheticRidgeData;
import dev.iterdiff.diff.DiagnosticsOptions;
import dev.iterdiff.diff.Implicit;
import dev.iterdiff.diff.OneStep;
import dev.iterdiff.diff.UnrolledForward;
import dev.iterdiff.optimality.Stationarity;
import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.problem.WeightedLogisticProblem;
import dev.iterdiff.problem.WeightedRidgeProblem;
import dev.iterdiff.solver.GradientDescent;
import dev.iterdiff.solver.Newton;
import dev.iterdiff.solver.Solution;
import dev.iterdiff.solver.Solve;
import dev.iterdiff.solver.SolveOptions;
import dev.iterdiff.solver.StepRule;
import dev.iterdiff.solver.Storage;
import dev.iterdiff.spark.SharedSparkSession;
import dev.iterdiff.study.OneStepRidgeStudy.Instance;
import dev.iterdiff.study.OneStepRidgeStudy.Point;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-step paper's claims as the studies measure them, on small instances: the one-step
 * Jacobian of gradient descent stops at a plateau (the closed form (H⁻¹ − tI)B) below its
 * bound, while the one of Newton vanishes; one-step hypergradient descent reaches the
 * neighbourhood ‖∇h‖ ≤ ε its bound gives; and the studies' structure (the ridge grid as a
 * Spark job, the timing study's rows and figure).
 */
class OneStepStudiesTest {

  @TempDir
  Path dir;

  private static Point at(List<Point> points, String series, int k) {
    return points.stream().filter(p -> p.series().equals(series) && p.k() == k).findFirst()
        .orElseThrow(() -> new AssertionError("no " + series + " at k = " + k));
  }

  @Test
  void oneStepPlateausForGradientDescentAtTheClosedFormBelowItsBound() {
    // GIVEN weighted ridge on 1024 × 12 synthetic rows, per-sample weights θ = 𝟙, κ = 100,
    // gradient descent with step 1/L for 3000 iterations
    int k = 3000;
    Instance in = new Instance("synthetic", null, 1024, 12, null, 1, 100, "1/L", k);
    List<Point> pts = OneStepRidgeStudy.trace(in);
    // THEN the iterates, unrolled forward and implicit all converge
    for (String s : new String[] {"iterates", "unrolled-forward", "implicit"}) {
      assertTrue(at(pts, s, k).relativeError() < 1e-10, s + ": " + at(pts, s, k));
    }
    // AND one-step stays put: the same error at k/2 and k, far from zero
    double plateau = at(pts, "one-step", k).relativeError();
    int half = Arrays.stream(Errors.checkpoints(k)).filter(c -> c >= k / 2).findFirst()
        .getAsInt();
    assertEquals(plateau, at(pts, "one-step", half).relativeError(), 1e-9 * plateau);
    // AND the plateau is the closed form ‖(H⁻¹ − tI)B‖/‖H⁻¹B‖, B = Aᵀdiag(Ax* − b), t = 1/L
    assertEquals(closedFormPlateau(in), plateau, 1e-8 * plateau, "closed-form plateau");
    // AND it lies below the one-step bound ρ/(1−ρ)‖J_θF‖, within a factor 20 of it
    double bound = at(pts, "one-step-bound", k).relativeError();
    assertTrue(plateau <= bound && plateau >= bound / 20, plateau + " vs bound " + bound);
  }

  /** ‖(H⁻¹ − tI)B‖_F/‖H⁻¹B‖_F by hand (normal equations, Gaussian elimination). */
  private static double closedFormPlateau(Instance in) {
    LabeledData d = new SyntheticRidgeData(in.rows(), in.cols(), OneStepRidgeStudy.DATA_KAPPA,
        0.1, in.seed()).generate("x");
    double alpha = OneStepRidgeStudy.alphaFor(d, in.kappa());
    int p = d.cols();
    int n = d.rows();
    double[][] h = new double[p][p];
    double[] c = new double[p];
    for (int i = 0; i < p; i++) {
      for (int j = 0; j < p; j++) {
        for (int r = 0; r < n; r++) {
          h[i][j] += d.get(r, i) * d.get(r, j);
        }
      }
      h[i][i] += alpha;
      for (int r = 0; r < n; r++) {
        c[i] += d.get(r, i) * d.labels()[r];
      }
    }
    double[] x = solve(h, c);
    double l = new WeightedRidgeProblem(d, n, alpha).lipschitz(ones(n));
    double t = 1 / l;
    double num = 0;
    double den = 0;
    for (int r = 0; r < n; r++) {
      double res = -d.labels()[r];
      for (int j = 0; j < p; j++) {
        res += d.get(r, j) * x[j];
      }
      double[] col = new double[p]; // column r of B = a_r (a_rᵀx − b_r)
      for (int j = 0; j < p; j++) {
        col[j] = d.get(r, j) * res;
      }
      double[] hb = solve(h, col);
      for (int j = 0; j < p; j++) {
        num += Math.pow(hb[j] - t * col[j], 2);
        den += hb[j] * hb[j];
      }
    }
    return Math.sqrt(num / den);
  }

  private static double[] solve(double[][] a0, double[] b0) {
    int p = b0.length;
    double[][] a = new double[p][];
    for (int i = 0; i < p; i++) {
      a[i] = a0[i].clone();
    }
    double[] b = b0.clone();
    for (int col = 0; col < p; col++) {
      for (int r = col + 1; r < p; r++) {
        double f = a[r][col] / a[col][col];
        for (int j = col; j < p; j++) {
          a[r][j] -= f * a[col][j];
        }
        b[r] -= f * b[col];
      }
    }
    double[] x = new double[p];
    for (int r = p - 1; r >= 0; r--) {
      double s = b[r];
      for (int j = r + 1; j < p; j++) {
        s -= a[r][j] * x[j];
      }
      x[r] = s / a[r][r];
    }
    return x;
  }

  private static double[] ones(int n) {
    double[] v = new double[n];
    Arrays.fill(v, 1);
    return v;
  }

  @Test
  void oneStepVanishesForNewton() throws IOException {
    // GIVEN Newton (line search) on weighted logistic regression, breast cancer, θ = 𝟙
    LabeledData data = LibsvmReader.read(OneStepRidgeStudy.REAL);
    WeightedLogisticProblem problem = new WeightedLogisticProblem(data, 0.1);
    double[] theta = ones(data.rows());
    double[] x0 = new double[data.cols()];
    Solution ref = Solve.run(new Newton(problem), theta, x0,
        SolveOptions.iterations(15, Storage.lastTwo()));
    Implicit implicit = new Implicit(s -> new Stationarity(problem), "cholesky", 1e-13, 0,
        DiagnosticsOptions.none());
    double[] jStar = implicit.jacobian(ref).jacobian();
    // WHEN one-step differentiates the k-th Newton iterate
    double[] errors = new double[9];
    double bound = Double.NaN;
    for (int k = 1; k <= 8; k++) {
      Solution s = Solve.run(new Newton(problem), theta, x0,
          SolveOptions.iterations(k, Storage.lastTwo()));
      var est = new OneStep(DiagnosticsOptions.full()).jacobian(s);
      errors[k] = Errors.relative(est.jacobian(), jStar);
      bound = est.diagnostics().oneStepBound() / Errors.norm(jStar);
    }
    // THEN its error falls to rounding level (J_xF = 0 at x*), and so does its bound
    assertTrue(errors[1] > 1e-3, "k = 1: " + errors[1]);
    assertTrue(errors[8] < 1e-10, "k = 8: " + Arrays.toString(errors));
    assertTrue(bound < 1e-6, "bound at k = 8: " + bound);
  }

  @Test
  void matrixForwardTraceIsUnrolledForward() {
    LabeledData d = new SyntheticRidgeData(40, 5, 30, 0.1, 3).generate("small");
    for (int m : new int[] {40, 1}) { // per-sample weights (m > s) and one shared weight
      WeightedRidgeProblem problem = new WeightedRidgeProblem(d, m, 0.5);
      double[] theta = new double[m];
      Arrays.fill(theta, 0.7);
      GradientDescent gd = new GradientDescent(problem, StepRule.optimal());
      Solution s = Solve.run(gd, theta, new double[5], SolveOptions.iterations(30,
          Storage.full()));
      MatrixForwardTrace trace = new MatrixForwardTrace(gd, s.trajectory(), theta);
      while (trace.iteration() < 30) {
        trace.advance();
      }
      double[] reference = new UnrolledForward(DiagnosticsOptions.none()).jacobian(s)
          .jacobian();
      assertTrue(Errors.relative(trace.jacobian(5), reference) < 1e-12, "m = " + m);
      // AND the prefix of the trajectory is what a 12-iteration solve gives one-step
      Solution twelve = Solve.run(new GradientDescent(problem, StepRule.optimal()), theta,
          new double[5], SolveOptions.iterations(12, Storage.lastTwo()));
      Solution prefix = new Solution(gd, theta, s.trajectory().prefix(12), 0,
          true, 0);
      OneStep os = new OneStep(DiagnosticsOptions.none());
      assertEquals(0, Errors.relative(os.jacobian(prefix).jacobian(),
          os.jacobian(twelve).jacobian()), 1e-14, "m = " + m);
    }
  }

  @Test
  void ridgeGridRunsAsASparkJobAndDrawsBothDataSets() throws IOException {
    // GIVEN the study at 1/64 of its size (128 synthetic rows, 62 iterations), on the shared
    // local session
    StudyResult r = new OneStepRidgeStudy().run(new StudyOptions(dir, false, 64, 1),
        SharedSparkSession.get());
    // THEN it writes the CSV and two figures (synthetic, real sample) as PNG and SVG
    for (String f : new String[] {"one-step-ridge.csv", "one-step-ridge.png",
        "one-step-ridge.svg", "one-step-ridge-real.png", "one-step-ridge-real.svg"}) {
      assertTrue(r.files().contains(dir.resolve(f)) && Files.size(dir.resolve(f)) > 1000, f);
    }
    List<String> lines = Files.readAllLines(dir.resolve("one-step-ridge.csv"));
    assertEquals("dataset,kappa,step,series,k,seconds,relative_error,status", lines.get(0));
    // AND every one of the 8 instances has its five series, all ok, times non-negative
    Set<String> instances = lines.stream().skip(1).map(l -> {
      String[] f = l.split(",");
      assertEquals("ok", f[7], l);
      assertTrue(Double.parseDouble(f[5]) >= 0, l);
      return f[0] + "|" + f[1] + "|" + f[2] + "|" + f[3];
    }).collect(Collectors.toSet());
    assertEquals(8 * 5, instances.size(), instances.toString());
    assertEquals(8, r.findings().size(), r.findings().toString());
  }

  @Test
  void anUnreachableConditionNumberIsAFailedRowNamingIt() {
    LabeledData d = new SyntheticRidgeData(50, 4, 10, 0.1, 1).generate("small");
    List<Point> pts = OneStepRidgeStudy.trace(new Instance("small", d.a(), 50, 4, d.labels(),
        1, 1e6, "1/L", 10));
    assertEquals(1, pts.size());
    assertEquals("failed", pts.get(0).series());
    assertTrue(pts.get(0).status().startsWith("IllegalArgumentException: kappa 1000000: the "
        + "data's own condition number L/mu = 10"), pts.get(0).status());
  }

  @Test
  void oneStepHypergradientDescentReachesTheNeighbourhoodOfItsBound() {
    // GIVEN hypergradient descent on log λ of ridge, inner gradient descent, 100 steps
    List<OneStepHypergradientStudy.Step> os =
        OneStepHypergradientStudy.descend(OneStep.NAME, 100, 1);
    List<OneStepHypergradientStudy.Step> im =
        OneStepHypergradientStudy.descend(Implicit.NAME, 100, 1);
    // THEN the implicit hypergradient at λ₀ is the central difference of h in φ = log λ
    double phi = os.get(0).phi()[0];
    double d = 1e-4;
    double fd = (OneStepHypergradientStudy.outerLoss(Math.exp(phi + d), 1)
        - OneStepHypergradientStudy.outerLoss(Math.exp(phi - d), 1)) / (2 * d);
    assertEquals(Math.abs(fd), os.get(0).gradientNorm(), 1e-6 * Math.abs(fd), "|dh/dphi|");
    // AND one-step descent starts outside its ε-neighbourhood and ends inside it
    var first = os.get(0);
    var last = os.get(os.size() - 1);
    assertTrue(first.gradientNorm() > first.epsilon(), first.toString());
    assertTrue(last.gradientNorm() <= last.epsilon(), last.toString());
    // AND it stops at a biased point (the neighbourhood is not a point), which implicit
    // descent leaves for the critical point itself
    assertTrue(last.gradientNorm() > 1e-3, last.toString());
    assertTrue(im.get(im.size() - 1).gradientNorm() < 1e-8, im.get(im.size() - 1).toString());
    assertTrue(im.get(im.size() - 1).loss() < last.loss(), "implicit's loss is lower");
  }

  @Test
  void timingStudyWritesOneRowPerSizeAndEstimatorWithPositiveTimes() throws IOException {
    // GIVEN the timing study at 1/8 of its sizes (Newton p and QP n in 8 … 50)
    StudyResult r = new OneStepTimingStudy().run(new StudyOptions(dir, false, 8, 1));
    assertTrue(r.files().contains(dir.resolve("one-step-timing.png")));
    List<String> lines = Files.readAllLines(dir.resolve("one-step-timing.csv"));
    assertEquals("setting,n,m,iterations,rounds,estimator,solve_ms,estimator_ms,total_ms,"
        + "ratio,relative_error,status", lines.get(0));
    for (String setting : OneStepTimingStudy.SETTINGS) {
      List<String[]> rows = lines.stream().skip(1)
          .map(l -> l.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1))
          .filter(f -> f[0].equals(setting)).toList();
      List<String> estimators = rows.stream().map(f -> f[5]).distinct().toList();
      assertTrue(estimators.contains("one-step") && estimators.size() >= 3, setting
          + ": " + estimators);
      for (String est : estimators) {
        int previous = 0;
        for (String[] f : rows.stream().filter(f -> f[5].equals(est)).toList()) {
          // sizes strictly increasing, times and ratio positive and finite
          assertTrue(Integer.parseInt(f[1]) > previous, String.join(",", f));
          previous = Integer.parseInt(f[1]);
          assertEquals("ok", f[11], String.join(",", f));
          for (int c : new int[] {6, 8, 9}) {
            double v = Double.parseDouble(f[c]);
            assertTrue(v > 0 && Double.isFinite(v), String.join(",", f));
          }
          double own = Double.parseDouble(f[7]); // a CPU clock may see 0 for a tiny call
          assertTrue(own >= 0 && Double.isFinite(own), String.join(",", f));
          assertTrue(Double.parseDouble(f[8]) >= Double.parseDouble(f[7]), "total >= est");
        }
      }
    }
  }
}
