package dev.iterdiff.study;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.SparkSession;

/**
 * A study that is a grid of instances runs as a Spark job, like a sweep: the driver builds
 * the instances (small, serializable specs; data generated from a seed or read on the driver
 * and carried in the spec), each instance is one task, and the rows come back to the driver,
 * which writes the CSV and draws the figure. The task function turns a failure into rows with
 * a status, never a failed job (as the sweep does).
 */
final class StudyGrid {

  private StudyGrid() {}

  /**
   * Runs {@code task} on every instance, one partition each, and collects the rows in
   * instance order.
   *
   * @param spark       the session (local mode or a cluster).
   * @param description the job's description in the Spark UI.
   * @param instances   the grid.
   * @param task        instance → rows; must catch its own failures.
   */
  static <I extends Serializable, R> List<R> run(SparkSession spark, String description,
      List<I> instances, FlatMapFunction<I, R> task) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    jsc.setJobDescription(description);
    try {
      return jsc.parallelize(instances, Math.max(1, instances.size())).flatMap(task).collect();
    } finally {
      jsc.setJobDescription(null);
    }
  }
}
