package dev.iterdiff.spark.sweep;

import dev.iterdiff.spark.SharedSparkSession;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** Sweep rows survive a real Parquet write and read, MLlib vector and matrix types included. */
class SweepRowSchemaTest {

  static SweepRow okRow(long id, String estimator) {
    return new SweepRow(id, "diabetes", "ridge", "gd", new double[] {0.1, 2.0}, estimator,
        SweepRow.OK, null, 40, true, 0.25, 0.01, 1e-9, 0.9, "cholesky", 0, 1e-15, 3.5, 31.5,
        1e-8, 2e-9, 0.7, new double[] {-0.5, 0.25}, new double[] {1, 2, 3},
        new double[] {1, 2, 3, 4, 5, 6}, 3, 2);
  }

  static SweepRow failedRow(long id) {
    return new SweepRow(id, "diabetes", "ridge", "gd", new double[] {-1, 2.0}, "implicit",
        "invalid-input", "IllegalArgumentException: theta[0] is -1.0", -1, false, Double.NaN,
        Double.NaN, Double.NaN, Double.NaN, null, -1, Double.NaN, Double.NaN, Double.NaN,
        Double.NaN, Double.NaN, Double.NaN, null, null, null, -1, -1);
  }

  @Test
  void parquetRoundTripKeepsEveryColumn() {
    SparkSession spark = SharedSparkSession.get();
    List<SweepRow> rows = List.of(okRow(0, "implicit"), okRow(0, "one-step"), failedRow(1));
    List<Row> sparkRows = new ArrayList<>();
    for (SweepRow r : rows) {
      sparkRows.add(SweepRowSchema.toRow(r, true, true));
    }
    String path = new File("target/test-output/schema-roundtrip").getAbsolutePath();
    spark.createDataFrame(sparkRows, SweepRowSchema.schema(true, true)).coalesce(1).write()
        .mode("overwrite").parquet(path);
    Dataset<Row> back = spark.read().parquet(path);
    assertEquals(SQLDataTypes.VectorType(), back.schema().apply("theta").dataType());
    assertEquals(SQLDataTypes.MatrixType(), back.schema().apply("jacobian").dataType());
    assertTrue(new File(path, "_SUCCESS").isFile(), "committer marks a complete result");
    List<SweepRow> read = new ArrayList<>();
    for (Row r : back.collectAsList()) {
      read.add(SweepRowSchema.fromRow(r));
    }
    read.sort(Comparator.comparingLong(SweepRow::instanceId).thenComparing(SweepRow::estimator));
    assertEquals(3, read.size());
    for (int i = 0; i < 3; i++) {
      assertSameRow(rows.get(i), read.get(i));
    }
    SweepRow ok = read.get(0);
    assertEquals(3, ok.jacobianRows());
    assertEquals(2, ok.jacobianCols());
    assertEquals(4.0, ok.jacobian()[3]);
    SweepRow failed = read.get(2);
    assertFalse(failed.ok());
    assertNull(failed.hypergradient());
    assertTrue(Double.isNaN(failed.rho()));
    assertEquals(-1, failed.iterations());
  }

  @Test
  void largeColumnsOnlyWhenAsked() {
    assertFalse(List.of(SweepRowSchema.schema(false, false).fieldNames()).contains("x"));
    assertFalse(List.of(SweepRowSchema.schema(false, false).fieldNames()).contains("jacobian"));
    Row r = SweepRowSchema.toRow(okRow(3, "implicit"), false, false);
    assertEquals(SweepRowSchema.schema(false, false).size(), r.size());
  }

  /** Equal in every column (arrays by value, NaN equal to NaN). */
  static void assertSameRow(SweepRow e, SweepRow a) {
    assertEquals(e.instanceId(), a.instanceId());
    assertEquals(e.data(), a.data());
    assertEquals(e.problem(), a.problem());
    assertEquals(e.solver(), a.solver());
    assertArrayEquals(e.theta(), a.theta(), 0);
    assertEquals(e.estimator(), a.estimator());
    assertEquals(e.status(), a.status());
    assertEquals(e.message(), a.message());
    assertEquals(e.iterations(), a.iterations());
    assertEquals(e.converged(), a.converged());
    assertEquals(e.solveSeconds(), a.solveSeconds());
    assertEquals(e.diffSeconds(), a.diffSeconds());
    assertSameNumbers(e, a);
    assertArrayEquals(e.x(), a.x(), 0);
    assertArrayEquals(e.jacobian(), a.jacobian(), 0);
  }

  /** Equal in every computed column except the timings. */
  static void assertSameNumbers(SweepRow e, SweepRow a) {
    String at = "instance " + e.instanceId() + " " + e.estimator();
    assertEquals(e.optimalityResidual(), a.optimalityResidual(), at);
    assertEquals(e.rho(), a.rho(), at);
    assertEquals(e.linearSolver(), a.linearSolver(), at);
    assertEquals(e.linearIterations(), a.linearIterations(), at);
    assertEquals(e.linearResidual(), a.linearResidual(), at);
    assertEquals(e.thetaJacobianNorm(), a.thetaJacobianNorm(), at);
    assertEquals(e.oneStepBound(), a.oneStepBound(), at);
    assertEquals(e.jacobianError(), a.jacobianError(), at);
    assertEquals(e.jacobianErrorAbs(), a.jacobianErrorAbs(), at);
    assertEquals(e.outerValue(), a.outerValue(), at);
    assertArrayEquals(e.hypergradient(), a.hypergradient(), 0, at);
  }
}
