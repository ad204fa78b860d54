package dev.iterdiff.spark.hyperopt;

import dev.iterdiff.bilevel.OuterState;
import dev.iterdiff.bilevel.OuterStep;
import dev.iterdiff.report.TrajectoryPlot;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Writes a finished hyperopt run under its output path: {@code trajectory/} (Parquet, θ as an
 * MLlib vector, written by {@link TrajectoryParquet}), {@code trajectory.csv} (θ in columns theta_0…), {@code theta.json} (final θ),
 * {@code metrics.json} (final model's validation and test metrics) and
 * {@code trajectory.png} (outer objective and θ per iteration).
 */
public final class HyperoptOutput {

  /** Schema of the trajectory rows. */
  public static final StructType TRAJECTORY_SCHEMA = new StructType()
      .add("iteration", DataTypes.IntegerType, false)
      .add("theta", SQLDataTypes.VectorType(), false)
      .add("value", DataTypes.DoubleType, false)
      .add("gradient_norm", DataTypes.DoubleType, false)
      .add("accepted", DataTypes.BooleanType, false)
      .add("misclassification", DataTypes.DoubleType, false)
      .add("inner_iterations", DataTypes.LongType, false)
      .add("solves", DataTypes.IntegerType, false)
      .add("inner_tolerance", DataTypes.DoubleType, false)
      .add("step", DataTypes.DoubleType, false)
      .add("seconds", DataTypes.DoubleType, false);

  private static final JsonFactory JSON = new JsonFactory();

  /** One line, {@code ": "} and {@code ", "} between items, as these files always were. */
  private static final MinimalPrettyPrinter ONE_LINE = new MinimalPrettyPrinter() {
    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(": ");
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
      g.writeRaw(", ");
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(", ");
    }
  };

  private HyperoptOutput() {}

  /** One Spark row per outer step. */
  public static List<Row> rows(OuterState state) {
    List<Row> rows = new ArrayList<>();
    for (OuterStep s : state.history()) {
      rows.add(RowFactory.create(s.iteration(), Vectors.dense(s.theta()), s.value(),
          s.gradientNorm(), s.accepted(), s.misclassification(), s.innerIterations(),
          s.solves(), s.innerTolerance(), s.stepSize(), s.seconds()));
    }
    return rows;
  }

  /** Writes everything; {@code metrics} become metrics.json (numbers and strings). */
  public static void write(SparkSession spark, String output, OuterState state,
      Map<String, Object> metrics, String title) throws IOException {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    // parquet-hadoop directly, not a Spark SQL job: the same file, without SQL's first-job
    // start-up (TrajectoryParquet); the codec as Spark's setting names it
    TrajectoryParquet.write(new Path(output, "trajectory").toString(), state,
        spark.sparkContext().getConf().get("spark.sql.parquet.compression.codec", "snappy"),
        conf);
    try (Writer w = writer(output, "trajectory.csv", conf)) {
      w.write(csv(state));
    }
    try (Writer w = writer(output, "theta.json", conf)) {
      Map<String, Object> theta = new LinkedHashMap<>();
      theta.put("theta", state.bestTheta());
      theta.put("value", state.bestValue());
      theta.put("iterations", state.iteration);
      theta.put("stop", state.stopReason());
      w.write(json(theta));
    }
    try (Writer w = writer(output, "metrics.json", conf)) {
      w.write(json(metrics));
    }
    int n = state.history().size();
    double[] values = new double[n];
    double[][] thetas = new double[n][];
    for (int k = 0; k < n; k++) {
      values[k] = state.history().get(k).value();
      thetas[k] = state.history().get(k).theta();
    }
    Path png = new Path(output, "trajectory.png");
    try (OutputStream out = png.getFileSystem(conf).create(png, true)) {
      if (state.parametrization().name().equals("log")) {
        TrajectoryPlot.write(title, values, thetas, out);
      } else { // signed or bounded θ (meta-parameters, pixels): norms, not log θ_j
        dev.iterdiff.report.NormTrajectoryPlot.write(title, values, thetas, out);
      }
    }
  }

  /** The trajectory as CSV text: one header line, one line per outer step. */
  public static String csv(OuterState state) {
    StringBuilder b = new StringBuilder("iteration,value,gradient_norm,accepted,"
        + "misclassification,inner_iterations,solves,inner_tolerance,step,seconds");
    int m = state.dim();
    for (int j = 0; j < m; j++) {
      b.append(",theta_").append(j);
    }
    b.append('\n');
    for (OuterStep s : state.history()) {
      b.append(s.iteration()).append(',').append(num(s.value())).append(',')
          .append(num(s.gradientNorm())).append(',').append(s.accepted()).append(',')
          .append(num(s.misclassification())).append(',').append(s.innerIterations())
          .append(',').append(s.solves()).append(',').append(num(s.innerTolerance()))
          .append(',').append(num(s.stepSize())).append(',').append(num(s.seconds()));
      for (double t : s.theta()) {
        b.append(',').append(num(t));
      }
      b.append('\n');
    }
    return b.toString();
  }

  /**
   * A flat JSON object of numbers, strings and double[] values, on one line: doubles as
   * {@link #num} writes them (non-finite ones as null), integers ({@link Integer},
   * {@link Long}) as integers, anything else as a string escaped by Jackson.
   */
  public static String json(Map<String, Object> map) {
    StringWriter text = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(text)) {
      g.setPrettyPrinter(ONE_LINE);
      object(g, map);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.append('\n').toString();
  }

  /** A map as a JSON object; nested maps (meta-test results) as nested objects. */
  private static void object(JsonGenerator g, Map<?, ?> map) throws IOException {
    g.writeStartObject();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      g.writeFieldName(String.valueOf(e.getKey()));
      Object v = e.getValue();
      if (v instanceof Map<?, ?> nested) {
        object(g, nested);
      } else if (v instanceof double[] a) {
        g.writeStartArray();
        for (double x : a) {
          number(g, x);
        }
        g.writeEndArray();
      } else if (v instanceof Integer || v instanceof Long) {
        g.writeNumber(((Number) v).longValue());
      } else if (v instanceof Number x) {
        number(g, x.doubleValue());
      } else if (v == null) {
        g.writeNull();
      } else {
        g.writeString(String.valueOf(v));
      }
    }
    g.writeEndObject();
  }

  private static void number(JsonGenerator g, double v) throws IOException {
    if (Double.isFinite(v)) {
      g.writeNumber(num(v));
    } else {
      g.writeNull();
    }
  }

  static String num(double v) {
    if (!Double.isFinite(v)) {
      return "null";
    }
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(Locale.ROOT, "%.1f", v)
        : Double.toString(v);
  }

  private static Writer writer(String output, String name, Configuration conf)
      throws IOException {
    Path p = new Path(output, name);
    FileSystem fs = p.getFileSystem(conf);
    return new OutputStreamWriter(fs.create(p, true), StandardCharsets.UTF_8);
  }
}
