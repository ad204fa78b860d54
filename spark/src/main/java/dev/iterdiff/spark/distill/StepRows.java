package dev.iterdiff.spark.distill;

import dev.iterdiff.bilevel.OuterState;
import dev.iterdiff.bilevel.OuterStep;
import dev.iterdiff.spark.hyperopt.HyperoptOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The history of a distillation run kept out of its checkpoint: each outer step's row (θ — the
 * synthetic images — value, step, …) is appended to the Parquet trajectory
 * {@code <output>/trajectory-steps} as it is made, and the checkpoint holds the state without
 * history, so its size stays O(dim θ) whatever the step count (it held every step's θ: 55 MB
 * after 30 steps). A resume reads the rows back: those of iterations before the checkpoint's,
 * one per iteration (a run killed between appending a row and writing the checkpoint repeats
 * that step, bit for bit, and appends it again).
 */
final class StepRows {

  private StepRows() {}

  /** {@code <output>/trajectory-steps}. */
  static Path dir(String output) {
    return new Path(output, "trajectory-steps");
  }

  /** Appends the state's last history row. */
  static void append(SparkSession spark, String output, OuterState st) {
    List<OuterStep> h = st.history();
    OuterState last = st.withHistory(h.subList(h.size() - 1, h.size()));
    spark.createDataFrame(HyperoptOutput.rows(last), HyperoptOutput.TRAJECTORY_SCHEMA)
        .coalesce(1).write().mode(SaveMode.Append).parquet(dir(output).toString());
  }

  /** The state of a checkpoint (without history) with the rows of its iterations restored. */
  static OuterState restore(SparkSession spark, String output, OuterState cp) {
    TreeMap<Integer, OuterStep> rows = new TreeMap<>();
    if (cp.iteration > 0) {
      for (Row r : spark.read().parquet(dir(output).toString()).collectAsList()) {
        int it = r.getInt(0);
        if (it < cp.iteration) {
          rows.put(it, new OuterStep(it, ((Vector) r.get(1)).toArray(), r.getDouble(2),
              r.getDouble(3), r.getBoolean(4), r.getDouble(5), r.getLong(6), r.getInt(7),
              r.getDouble(8), r.getDouble(9), r.getDouble(10)));
        }
      }
    }
    if (rows.size() != cp.iteration) {
      throw new IllegalArgumentException("--resume: " + dir(output) + " holds the rows of "
          + rows.size() + " iterations, the checkpoint " + cp.iteration);
    }
    return cp.withHistory(new ArrayList<>(rows.values()));
  }
}
