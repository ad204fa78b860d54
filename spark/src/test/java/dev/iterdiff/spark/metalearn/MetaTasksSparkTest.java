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
}
