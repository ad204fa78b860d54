package dev.iterdiff.spark.hyperopt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.iterdiff.bilevel.FoldResult;
import dev.iterdiff.bilevel.InnerTask;
import dev.iterdiff.bilevel.InnerTasks;
import dev.iterdiff.spark.SharedSparkSession;
import dev.iterdiff.spark.config.HyperoptSettings;
import dev.iterdiff.spark.config.JobConfigException;
import java.io.File;
import java.nio.file.Files;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * Failures a tuning meets before or during its steps: an output that cannot be written stops
 * it before any Spark job (issue 10 item 8); a non-finite fold result stops it naming the step
 * and the fold (issue 10 item 2).
 */
class HyperoptFailuresTest {

  @Test
  void anOutputUnderARegularFileIsRefusedBeforeAnyJob() throws Exception {
    // GIVEN an output whose parent is a regular file
    File file = new File(HyperoptJobTest.fresh("afile"));
    file.getParentFile().mkdirs();
    Files.writeString(file.toPath(), "not a directory");
    String output = file.getAbsolutePath() + "/out";
    HyperoptSettings s = HyperoptJobTest.settings(output, "hyperparameters = single");
    SparkSession spark = SharedSparkSession.get();
    long jobsBefore = spark.sparkContext().statusTracker().getJobIdsForGroup(null).length;
    // WHEN the job runs, THEN one line names the output and no Spark job ran
    JobConfigException e = assertThrows(JobConfigException.class,
        () -> HyperoptJob.run(spark, s, false, Integer.MAX_VALUE));
    assertEquals("hyperopt.output", e.key());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    assertEquals(true, e.getMessage().contains(output + " is not writable"), e.getMessage());
    assertEquals(jobsBefore,
        spark.sparkContext().statusTracker().getJobIdsForGroup(null).length);
  }

  @Test
  void aConditionThatDoesNotHoldForTheProblemIsRefusedBeforeAnyJob() throws Exception {
    // GIVEN a lasso tuned with fista and stationarity named (∇f = 0 does not hold at the
    // solutions of f + θ‖x‖₁; the default, auto, picks the prox-gradient fixed point)
    HyperoptSettings s = HyperoptJobTest.settings(HyperoptJobTest.fresh("lasso-stationarity"),
        "problem = lasso, hyperparameters = single, inner { solver = fista, condition = "
        + "stationarity }");
    SparkSession spark = SharedSparkSession.get();
    long jobsBefore = spark.sparkContext().statusTracker().getJobIdsForGroup(null).length;
    // WHEN the job runs, THEN one line names the key and the condition, before any Spark job
    JobConfigException e = assertThrows(JobConfigException.class,
        () -> HyperoptJob.run(spark, s, false, Integer.MAX_VALUE));
    assertEquals("hyperopt.inner.condition", e.key());
    assertEquals("hyperopt.inner.condition: condition stationarity holds for smooth problems "
        + "only; lasso has a nonsmooth part (l1): use a fixed-point condition of a prox or "
        + "projection step", e.getMessage());
    assertEquals(jobsBefore,
        spark.sparkContext().statusTracker().getJobIdsForGroup(null).length);
  }

  /** Three tasks; task 1 returns a NaN loss, task 2 an infinite hypergradient. */
  static final class BrokenTasks implements InnerTasks {
    @Override
    public int count() {
      return 3;
    }

    @Override
    public int thetaDim() {
      return 1;
    }

    @Override
    public int stateDim(int task) {
      return 2;
    }

    @Override
    public InnerTask task(int k) {
      return new InnerTask() {
        @Override
        public int index() {
          return k;
        }

        @Override
        public int dim() {
          return 2;
        }

        @Override
        public FoldResult evaluate(double[] theta, double[] warm, double tol) {
          double value = k == 1 ? Double.NaN : 1.0;
          double[] g = {k == 2 ? Double.POSITIVE_INFINITY : 0.5};
          return new FoldResult(k, value, g, 0, 10, 3, 0, true, new double[2], 0);
        }
      };
    }
  }

  @Test
  void aNonFiniteFoldResultNamesTheFold() {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(
        SharedSparkSession.get().sparkContext());
    try (SparkEvaluator ev = new SparkEvaluator(jsc, new BrokenTasks(), null)) {
      NonFiniteFoldException e = assertThrows(NonFiniteFoldException.class,
          () -> ev.evaluate(new double[] {1}, 1e-6));
      assertEquals(1, e.fold());
      assertEquals("fold 1: outer loss is NaN", e.getMessage());
      assertEquals("outer step 7, fold 1: outer loss is NaN", e.atStep(7).getMessage());
    }
  }
}
