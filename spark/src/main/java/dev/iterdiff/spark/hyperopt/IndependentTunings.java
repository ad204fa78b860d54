package dev.iterdiff.spark.hyperopt;

import dev.iterdiff.spark.OutputPaths;
import dev.iterdiff.spark.config.HyperoptSettings;
import dev.iterdiff.spark.sweep.DatasetHolder;

import dev.iterdiff.bilevel.LocalEvaluator;
import dev.iterdiff.bilevel.OuterLoop;
import dev.iterdiff.bilevel.OuterObjective;
import dev.iterdiff.bilevel.OuterObjectives;
import dev.iterdiff.bilevel.OuterState;
import dev.iterdiff.bilevel.OuterStep;
import dev.iterdiff.problem.LabeledData;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Many independent tunings at once (mode {@code independent}): one hypergradient descent per
 * (data set, starting point) — multi-start when {@code starts} &gt; 1 — each run whole inside
 * one task with the in-process {@link LocalEvaluator} (its folds solved one after the other,
 * warm-started). The data sets are broadcast once. Every trajectory is reported:
 * {@code <output>/tunings} (one row per tuning and outer step) and
 * {@code <output>/tunings-summary} (one row per tuning, also as tunings-summary.csv).
 */
public final class IndependentTunings {

  /** One tuning: which data set, which start. */
  record Tuning(int id, int dataset, int start, double[] theta0) implements Serializable {}

  /** Trajectory rows. */
  public static final StructType TRAJECTORY_SCHEMA = new StructType()
      .add("tuning", DataTypes.IntegerType, false)
      .add("dataset", DataTypes.StringType, false)
      .add("start", DataTypes.IntegerType, false)
      .add("iteration", DataTypes.IntegerType, false)
      .add("theta", SQLDataTypes.VectorType(), false)
      .add("value", DataTypes.DoubleType, false)
      .add("gradient_norm", DataTypes.DoubleType, false)
      .add("accepted", DataTypes.BooleanType, false)
      .add("inner_iterations", DataTypes.LongType, false)
      .add("seconds", DataTypes.DoubleType, false);

  /** Summary rows. */
  public static final StructType SUMMARY_SCHEMA = new StructType()
      .add("tuning", DataTypes.IntegerType, false)
      .add("dataset", DataTypes.StringType, false)
      .add("start", DataTypes.IntegerType, false)
      .add("theta0", SQLDataTypes.VectorType(), false)
      .add("theta", SQLDataTypes.VectorType(), false)
      .add("validation_loss", DataTypes.DoubleType, false)
      .add("test_loss", DataTypes.DoubleType, false)
      .add("outer_iterations", DataTypes.IntegerType, false)
      .add("stop", DataTypes.StringType, false);

  private IndependentTunings() {}

  /** Runs every tuning; returns the summary rows (also written under the output). */
  public static List<Row> run(SparkSession spark, HyperoptSettings settings) throws IOException {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    // executors write under the output: fix a relative one on the driver (OutputPaths)
    HyperoptSettings s = settings.withOutput(OutputPaths.qualified(settings.output(), conf));
    List<LabeledData> sets = new ArrayList<>();
    List<Tuning> tunings = new ArrayList<>();
    for (int d = 0; d < s.data().size(); d++) {
      LabeledData all = HyperoptData.read(spark, s, s.data().get(d), conf).data();
      sets.add(all);
      int dim = s.inner().thetaDim(HyperoptJob.split(s, all).cv());
      for (int k = 0; k < s.starts(); k++) {
        double[] t0 = HyperoptJob.theta0(s.theta0(), dim, s.inner().kind().spelling());
        if (k > 0) {
          SplittableRandom rng = new SplittableRandom(s.seed() * 1_000_003L + 1000L * d + k);
          double lo = Math.log(s.startMin());
          double hi = Math.log(s.startMax());
          for (int j = 0; j < dim; j++) {
            t0[j] = Math.exp(lo + (hi - lo) * rng.nextDouble());
          }
        }
        tunings.add(new Tuning(tunings.size(), d, k, t0));
      }
    }
    List<DatasetHolder> held = new ArrayList<>();
    for (LabeledData d : sets) {
      held.add(new DatasetHolder(d));
    }
    Broadcast<List<DatasetHolder>> data = jsc.broadcast(held);
    int slices = Math.max(1, Math.min(tunings.size(), jsc.defaultParallelism() * 4));
    JavaRDD<List<Row>[]> done = jsc.parallelize(tunings, slices).map(t -> runOne(s, data.value(), t));
    done.cache();
    JavaRDD<Row> trajectories = done.flatMap(r -> r[0].iterator());
    JavaRDD<Row> summary = done.flatMap(r -> r[1].iterator());
    spark.createDataFrame(trajectories, TRAJECTORY_SCHEMA).write().mode(SaveMode.Overwrite)
        .parquet(new Path(s.output(), "tunings").toString());
    List<Row> rows = new ArrayList<>(summary.collect());
    rows.sort(java.util.Comparator.comparingInt(r -> r.getInt(0)));
    spark.createDataFrame(rows, SUMMARY_SCHEMA).coalesce(1).write().mode(SaveMode.Overwrite)
        .parquet(new Path(s.output(), "tunings-summary").toString());
    StringBuilder csv = new StringBuilder(
        "tuning,dataset,start,validation_loss,test_loss,outer_iterations,stop,theta\n");
    for (Row r : rows) {
      csv.append(r.getInt(0)).append(',').append(r.getString(1)).append(',')
          .append(r.getInt(2)).append(',').append(r.getDouble(5)).append(',')
          .append(r.getDouble(6)).append(',').append(r.getInt(7)).append(',')
          .append(r.getString(8)).append(",\"")
          .append(r.get(4).toString()).append("\"\n");
    }
    Path p = new Path(s.output(), "tunings-summary.csv");
    try (var out = p.getFileSystem(conf).create(p, true)) {
      out.write(csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    done.unpersist(false);
    data.destroy();
    return rows;
  }

  @SuppressWarnings("unchecked")
  private static List<Row>[] runOne(HyperoptSettings s, List<DatasetHolder> sets, Tuning t) {
    LabeledData all = sets.get(t.dataset()).get();
    HyperoptJob.Split sp = HyperoptJob.split(s, all);
    LocalEvaluator ev = s.inner().local(sp.cv(), sp.folds());
    OuterLoop loop = new OuterLoop(s.outer());
    OuterState st = loop.run(ev, loop.initialState(t.theta0(), s.fingerprint()), x -> { },
        Integer.MAX_VALUE);
    String name = s.data().get(t.dataset());
    List<Row> traj = new ArrayList<>();
    for (OuterStep o : st.history()) {
      traj.add(RowFactory.create(t.id(), name, t.start(), o.iteration(),
          Vectors.dense(o.theta()), o.value(), o.gradientNorm(), o.accepted(),
          o.innerIterations(), o.seconds()));
    }
    double[] theta = st.bestTheta();
    double[] x = s.inner().fit(sp.cv(), theta, 1e-10);
    OuterObjective test = OuterObjectives.create(s.inner().outerLoss(), sp.test(), x.length);
    List<Row> summary = List.of(RowFactory.create(t.id(), name, t.start(),
        Vectors.dense(t.theta0()), Vectors.dense(theta), st.bestValue(), test.value(x, theta),
        st.iteration, st.stopReason()));
    return new List[] {traj, summary};
  }
}
