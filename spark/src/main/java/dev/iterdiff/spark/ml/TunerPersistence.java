package dev.iterdiff.spark.ml;

import java.util.List;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Persistence of the tuner and its model in Spark ML's layout: {@code metadata/} (class, uid,
 * params as JSON, by {@code DefaultParamsWriter}), and beside it the nested stages as Spark ML
 * saves them — the tuner's {@code learner/}; the model's {@code bestModel/}, {@code summary/}
 * (hyperparameters, tuned values, best metric; Parquet) and {@code trajectory/} (Parquet).
 */
final class TunerPersistence {

  private static final StructType SUMMARY = new StructType()
      .add("hyperparameters", DataTypes.StringType)
      .add("tuned", DataTypes.createArrayType(DataTypes.DoubleType, false))
      .add("bestMetric", DataTypes.DoubleType);

  private TunerPersistence() {}

  /** Saves a nested stage under {@code path}. */
  private static void saveStage(PipelineStage stage, String what, String path) {
    if (!(stage instanceof MLWritable w)) {
      throw new IllegalArgumentException(what + " " + stage.uid() + " is not MLWritable");
    }
    try {
      w.save(path);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(what + ": cannot save to " + path, e);
    }
  }

  /** Writes the tuner: its params and its learner. */
  static final class TunerWriter extends MLWriter {
    private final HypergradientTuner tuner;

    TunerWriter(HypergradientTuner tuner) {
      this.tuner = tuner;
    }

    @Override
    public void saveImpl(String path) {
      DefaultParamsWriter$.MODULE$.saveMetadata(tuner, path, sparkSession());
      saveStage(tuner.getLearner(), "learner", path + "/learner");
    }
  }

  /** Reads what {@link TunerWriter} wrote. */
  static final class TunerReader extends MLReader<HypergradientTuner> {
    @Override
    public HypergradientTuner load(String path) {
      DefaultParamsReader.Metadata md = DefaultParamsReader$.MODULE$.loadMetadata(path,
          sparkSession(), HypergradientTuner.class.getName());
      HypergradientTuner t = new HypergradientTuner(md.uid());
      md.getAndSetParams(t, Option.apply(CollectionConverters.asScala(List.of("learner"))
          .toList()));
      PipelineStage learner = DefaultParamsReader$.MODULE$.loadParamsInstance(path
          + "/learner", sparkSession());
      return t.setLearner(learner);
    }
  }

  /** Writes the model: metadata, best model, summary and trajectory. */
  static final class ModelWriter extends MLWriter {
    private final HypergradientTunerModel model;

    ModelWriter(HypergradientTunerModel model) {
      this.model = model;
    }

    @Override
    public void saveImpl(String path) {
      DefaultParamsWriter$.MODULE$.saveMetadata(model, path, sparkSession());
      saveStage(model.bestModel(), "bestModel", path + "/bestModel");
      double[] t = model.tunedHyperparameters();
      Double[] boxed = new Double[t.length];
      for (int j = 0; j < t.length; j++) {
        boxed[j] = t[j];
      }
      sparkSession().createDataFrame(List.of(RowFactory.create(model.hyperparameters(), boxed,
          model.bestMetric())), SUMMARY).repartition(1).write().parquet(path + "/summary");
      model.trajectory().repartition(1).write().parquet(path + "/trajectory");
    }
  }

  /** Reads what {@link ModelWriter} wrote. */
  static final class ModelReader extends MLReader<HypergradientTunerModel> {
    @Override
    public HypergradientTunerModel load(String path) {
      DefaultParamsReader.Metadata md = DefaultParamsReader$.MODULE$.loadMetadata(path,
          sparkSession(), HypergradientTunerModel.class.getName());
      Model<?> best = DefaultParamsReader$.MODULE$.loadParamsInstance(path + "/bestModel",
          sparkSession());
      Row s = sparkSession().read().parquet(path + "/summary").first();
      List<Double> tuned = s.getList(1);
      double[] t = new double[tuned.size()];
      for (int j = 0; j < t.length; j++) {
        t[j] = tuned.get(j);
      }
      Dataset<Row> trajectory = sparkSession().read().parquet(path + "/trajectory");
      if (!java.util.Arrays.asList(trajectory.columns()).contains("phase")) {
        // saved before the scan's rows were kept: descent rows only
        trajectory = trajectory.withColumn("phase",
            org.apache.spark.sql.functions.lit(TunerTrajectory.DESCENT));
      }
      HypergradientTunerModel m = new HypergradientTunerModel(md.uid(), best, s.getString(0), t,
          s.getDouble(2), trajectory);
      md.getAndSetParams(m, Option.empty());
      return m;
    }
  }
}
