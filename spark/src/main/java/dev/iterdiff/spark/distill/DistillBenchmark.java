package dev.iterdiff.spark.distill;

import dev.iterdiff.bilevel.OuterEvaluation;
import dev.iterdiff.bilevel.OuterEvaluator;
import dev.iterdiff.bilevel.OuterLoop;
import dev.iterdiff.bilevel.OuterState;
import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.problem.SyntheticDataSoftmax;
import dev.iterdiff.spark.SparkSessions;
import dev.iterdiff.spark.config.DistillSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * {@code iterdiff bench distill}: the cost of one distillation step by phase, implicit against
 * unrolled-reverse, on each Spark master given (local[1], local[2], …). For each master a
 * session is started, one warm-up step of each estimator is discarded, then the outer loop (the
 * config's: Adam, box) runs {@code steps} steps driven by the implicit hypergradient; at every θ
 * both estimators are evaluated back to back (same θ, same inner solve from x = 0, same real-data
 * reduction), so the machine's drift hits both alike. Reported: medians over the steps of the
 * wall seconds per phase, the inner iterations, the storage the estimator keeps (computed:
 * states × state dim × 8 bytes) and ‖g_unrolled − g_implicit‖/‖g_implicit‖.
 */
public final class DistillBenchmark {

  private DistillBenchmark() {}

  /** Prints the BENCHMARKS.md rows (header included). */
  public static void run(DistillSettings s, List<String> masters, int steps, PrintWriter out)
      throws IOException {
    LabeledData train = DistillData.read("distill.train", s.train());
    int classes = DistillData.classes(train);
    out.println("| master | estimator | step (s) | inner solve (s) | outer loss on partitions "
        + "(s) | hypergradient (s) | inner iterations | stored MB | rel. diff to implicit |");
    out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|");
    for (String master : masters) {
      SparkSession spark = SparkSessions.local(SparkSession.builder()
          .appName("iterdiff bench distill").master(master), master, new SparkConf())
          .getOrCreate();
      try (SparkRealDataLoss outer = new SparkRealDataLoss(
          JavaSparkContext.fromSparkContext(spark.sparkContext()),
          ImageBlock.split(train, s.partitions()), classes)) {
        SyntheticDataSoftmax problem = new SyntheticDataSoftmax(train.cols(),
            DistillData.syntheticLabels(classes, s.imagesPerClass()), classes, s.lambda());
        DistillEvaluator imp = new DistillEvaluator(problem, outer, s.solver(), "implicit",
            s.innerIterations());
        DistillEvaluator unr = new DistillEvaluator(problem, outer, s.solver(),
            "unrolled-reverse", s.innerIterations());
        double[] theta0 = s.init().equals("real")
            ? DistillData.randomReal(train, classes, s.imagesPerClass(), s.seed())
            : DistillData.noise(problem.thetaDim(), s.seed());
        double tol = s.outer().innerTolerance();
        imp.evaluate(theta0, tol);
        unr.evaluate(theta0, tol);
        List<double[]> ci = new ArrayList<>();
        List<double[]> cu = new ArrayList<>();
        List<Double> diffs = new ArrayList<>();
        OuterEvaluator both = new OuterEvaluator() {
          @Override
          public int thetaDim() {
            return problem.thetaDim();
          }

          @Override
          public OuterEvaluation evaluate(double[] theta, double t) {
            OuterEvaluation a = imp.evaluate(theta, t);
            ci.add(row(imp.lastCost()));
            OuterEvaluation b = unr.evaluate(theta, t);
            cu.add(row(unr.lastCost()));
            diffs.add(relDiff(b.gradient(), a.gradient()));
            return a;
          }
        };
        OuterLoop loop = new OuterLoop(s.outer().withStopping(steps + 1, 0, 0));
        OuterState st = loop.initialState(theta0, s.fingerprint());
        for (int k = 0; k < steps; k++) {
          st = loop.step(both, st);
        }
        int stateDim = 2 * problem.dim(); // nesterov's (x, x_prev); gd keeps n
        print(out, master, "implicit", ci, stateDim, false, Double.NaN);
        print(out, master, "unrolled-reverse", cu, stateDim, true, median(diffs));
        out.flush();
      } finally {
        spark.stop();
      }
    }
  }

  private static double[] row(DistillEvaluator.StepCost c) {
    return new double[] {c.solveSeconds() + c.outerSeconds() + c.vjpSeconds(), c.solveSeconds(),
        c.outerSeconds(), c.vjpSeconds(), c.innerIterations()};
  }

  private static void print(PrintWriter out, String master, String name, List<double[]> rows,
      int stateDim, boolean everyState, double diff) {
    double[] med = new double[5];
    for (int j = 0; j < 5; j++) {
      List<Double> col = new ArrayList<>();
      for (double[] r : rows) {
        col.add(r[j]);
      }
      med[j] = median(col);
    }
    // implicit keeps the last two states; unrolled-reverse all k + 1
    double mb = (everyState ? med[4] + 1 : 2) * stateDim * 8 / 1e6;
    out.println(String.format(Locale.ROOT, "| %s | %s | %.3f | %.3f | %.3f | %.3f | %.0f | %.1f "
        + "| %s |", master, name, med[0], med[1], med[2], med[3], med[4], mb,
        Double.isNaN(diff) ? "—" : String.format(Locale.ROOT, "%.1e", diff)));
  }

  static double median(List<Double> v) {
    double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(a);
    return a.length % 2 == 1 ? a[a.length / 2] : 0.5 * (a[a.length / 2 - 1] + a[a.length / 2]);
  }

  private static double relDiff(double[] a, double[] b) {
    double d = 0;
    double n = 0;
    for (int i = 0; i < a.length; i++) {
      d += (a[i] - b[i]) * (a[i] - b[i]);
      n += b[i] * b[i];
    }
    return Math.sqrt(d / n);
  }
}
