package dev.iterdiff.spark.metalearn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.iterdiff.bilevel.LocalEvaluator;
import dev.iterdiff.bilevel.OuterEvaluation;
import dev.iterdiff.spark.SharedSparkSession;
import dev.iterdiff.spark.hyperopt.SparkEvaluator;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

/** The Spark-reduced meta-gradient equals the in-process one to the last bit. */
class MetaTasksSparkTest {

  @Test
  void sparkReducedMetaGradientEqualsTheLocalOneBitForBit() throws Exception {
    MetaTasks tasks = MetaTasksTest.tasks(MetaTasksTest.digits(), "implicit", 5);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(
        SharedSparkSession.get().sparkContext());
    LocalEvaluator local = new LocalEvaluator(tasks);
    double[] theta = new double[tasks.thetaDim()];
    try (SparkEvaluator cluster = new SparkEvaluator(jsc, tasks, null)) {
      for (int step = 0; step < 2; step++) {
        OuterEvaluation a = local.evaluate(theta, 1e-10);
        OuterEvaluation b = cluster.evaluate(theta, 1e-10);
        assertEquals(Double.doubleToLongBits(a.value()), Double.doubleToLongBits(b.value()));
        assertArrayEquals(a.gradient(), b.gradient(), 0.0);
        assertEquals(5, b.folds());
        theta = MetaTasksTest.axpy(theta, -1.0, a.gradient());
      }
    }
  }

  /**
   * GIVEN fresh class-means meta-batches WHEN steps 0 and 3 are evaluated by
   * {@link MetaBatchEvaluator} over 2 partitions and in process THEN value and meta-gradient
   * agree to the last bit, and the two steps' batches give different values.
   */
  @Test
  void metaBatchEvaluatorEqualsTheInProcessMetaGradientBitForBit() throws Exception {
    MetaTasks tasks = MetaTasksTest.tasks(MetaTasksTest.digits(), "implicit", 5,
        MetaPrior.CLASS_MEANS, true);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(
        SharedSparkSession.get().sparkContext());
    double[] theta = new double[tasks.thetaDim()];
    java.util.Arrays.fill(theta, 0.02);
    double[] values = new double[2];
    try (MetaBatchEvaluator ev = new MetaBatchEvaluator(jsc, tasks, 2)) {
      int i = 0;
      for (int step : new int[] {0, 3}) {
        OuterEvaluation a = tasks.evaluate(step, theta, 1e-10);
        OuterEvaluation b = ev.atStep(step).evaluate(theta, 1e-10);
        assertEquals(Double.doubleToLongBits(a.value()), Double.doubleToLongBits(b.value()));
        assertArrayEquals(a.gradient(), b.gradient(), 0.0);
        assertEquals(5, b.folds());
        values[i++] = b.value();
      }
    }
    org.junit.jupiter.api.Assertions.assertNotEquals(values[0], values[1]);
  }

  /**
   * GIVEN 40 meta-test tasks WHEN evaluated on Spark (3 partitions) and in process THEN every
   * method's mean accuracy and interval are the same bits.
   */
  @Test
  void distributedMetaTestEqualsTheInProcessOne() throws Exception {
    dev.iterdiff.problem.LabeledData d = MetaTasksTest.digits();
    dev.iterdiff.data.TaskSampler.MetaSplit split = dev.iterdiff.data.TaskSampler.split(d, 7,
        3L);
    MetaTasks.TaskShape shape = new MetaTasks.TaskShape(3, 2, 5);
    java.util.Map<String, MetaTestEvaluation.Prior> priors = new java.util.LinkedHashMap<>();
    double[] m = new double[d.cols()];
    java.util.Arrays.fill(m, 0.05);
    priors.put("learned", new MetaTestEvaluation.Prior(MetaPrior.CLASS_MEANS, m));
    priors.put("zero", new MetaTestEvaluation.Prior(MetaPrior.MEAN, new double[3 * d.cols()]));
    double[] precision = new double[d.cols()];
    java.util.Arrays.fill(precision, 0.7);
    priors.put("precision", new MetaTestEvaluation.Prior(MetaPrior.PRECISION, precision));
    dev.iterdiff.spec.SolverSpec solver = new dev.iterdiff.spec.SolverSpec("newton", "", 100,
        Double.NaN);
    var local = MetaTestEvaluation.run(d, split.metaTest(), shape, 0.5, priors, solver, 1e-9,
        40, 7L);
    var spark = MetaTestEvaluation.runOnSpark(JavaSparkContext.fromSparkContext(
        SharedSparkSession.get().sparkContext()), 3, d, split.metaTest(), shape, 0.5, priors,
        solver, 1e-9, 40, 7L);
    assertEquals(java.util.List.of("learned", "zero", "precision", "nearest-centroid",
        "learned - zero (paired)", "learned - precision (paired)",
        "learned - nearest-centroid (paired)"), java.util.List.copyOf(spark.keySet()));
    for (String k : local.keySet()) {
      assertEquals(local.get(k), spark.get(k), k);
      assertEquals(40, spark.get(k).tasks());
    }
    org.junit.jupiter.api.Assertions.assertTrue(local.get("zero").mean() > 0.5);
  }
}
