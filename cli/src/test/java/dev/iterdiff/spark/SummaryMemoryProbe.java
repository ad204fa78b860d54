package dev.iterdiff.spark;

import dev.iterdiff.spark.config.SweepConfig;
import dev.iterdiff.spark.sweep.SummaryQuantiles;
import dev.iterdiff.spark.sweep.SweepJob;
import dev.iterdiff.spark.sweep.SweepSummary;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The sweep summary's aggregation ({@link SweepJob#summarize} and {@link SweepJob#context},
 * the code a sweep runs after its rows are written) on N synthetic result rows of one
 * estimator, in a JVM of its own started by {@link SummaryMemoryIT} with a small heap: writes
 * the rows (Spark's {@code range}, distinct random doubles) unless they exist, then prints
 * summary.json. Arguments: the directory, N, and {@code exact} or {@code auto} (the method
 * {@code sweep.summary}'s default threshold picks for N rows).
 */
public final class SummaryMemoryProbe {

  private SummaryMemoryProbe() {}

  public static void main(String[] args) {
    String dir = args[0];
    long n = Long.parseLong(args[1]);
    SparkSession spark = SparkSession.builder().appName("summary-memory-probe")
        .master("local[2]").config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4").getOrCreate();
    String rowsPath = dir + "/rows";
    if (!new java.io.File(rowsPath, "_SUCCESS").isFile()) {
      spark.range(n).selectExpr("id AS instance_id", "'implicit' AS estimator",
          "'ok' AS status", "rand(1) AS jacobian_error", "rand(2) + 1e-3 AS solve_seconds",
          "rand(3) * 1e-3 AS diff_seconds").write().mode("overwrite").parquet(rowsPath);
    }
    SweepConfig config = SweepConfig.parse("""
        sweep {
          name = summary-memory-probe
          data = [ { name = diabetes, path = "data-samples/diabetes.libsvm" } ]
          problem { name = ridge }
          solver { name = gd, iterations = 5 }
          theta { coordinates = [ { values = [0.1] } ] }
          estimators = [implicit]
          output { path = "%s/out" }
        }
        """.formatted(dir), Map.of());
    SummaryQuantiles q = args[2].equals("exact") ? SummaryQuantiles.EXACT
        : SweepJob.quantiles(config, n);
    Dataset<Row> rows = spark.read().parquet(rowsPath);
    SweepSummary s = SweepJob.summarize(rows, config, n, 0, q);
    System.out.print("summary: " + s.json("probe", SweepJob.context(rows, config, q)));
    spark.stop();
  }
}
