package dev.iterdiff.spark.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.spark.SharedSparkSession;
import java.util.List;
import org.apache.spark.ml.classification.DecisionTreeClassifier;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Bad input is refused before any tuning, Spark-style: {@code IllegalArgumentException}s
 * naming the column or the param; and the params follow Spark ML's conventions.
 */
class HypergradientTunerBadInputTest {

  private static final StructType GOOD = new StructType().add("label", DataTypes.DoubleType)
      .add("features", SQLDataTypes.VectorType());

  // GIVEN features as a string column WHEN transformSchema THEN the column is named
  @Test
  void nonVectorFeaturesAreRefused() {
    StructType bad = new StructType().add("label", DataTypes.DoubleType)
        .add("features", DataTypes.StringType);
    HypergradientTuner t = new HypergradientTuner().setLearner(new LogisticRegression());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> t.transformSchema(bad));
    assertTrue(e.getMessage().contains("features column 'features' must be of type vector"),
        e.getMessage());
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> t.transformSchema(new StructType().add("label", DataTypes.DoubleType)));
    assertTrue(missing.getMessage().contains("'features' does not exist"), missing.getMessage());
  }

  // GIVEN a NaN label WHEN fit THEN the label column and row are named
  @Test
  void nanLabelsAreRefused() {
    Dataset<Row> df = SharedSparkSession.get().createDataFrame(List.of(
        RowFactory.create(1.0, Vectors.dense(1, 2)), RowFactory.create(Double.NaN,
            Vectors.dense(3, 4))), GOOD);
    HypergradientTuner t = new HypergradientTuner().setLearner(new LinearRegression());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.fit(df));
    assertEquals("label column 'label': row 1 is NaN (must be a finite number)",
        e.getMessage());
  }

  // GIVEN a string weight column WHEN transformSchema THEN the weight column is named; GIVEN a
  // negative, a NaN weight or all-zero weights WHEN fit THEN the column and the row are named
  @Test
  void badWeightColumnsAreRefusedNamingTheColumn() {
    HypergradientTuner t = new HypergradientTuner()
        .setLearner(new LinearRegression().setWeightCol("w"));
    IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
        () -> t.transformSchema(GOOD.add("w", DataTypes.StringType)));
    assertEquals("weight column 'w' must be of type numeric but was actually string.",
        type.getMessage());
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> t.transformSchema(GOOD));
    assertTrue(missing.getMessage().startsWith("weight column 'w' does not exist."),
        missing.getMessage());
    StructType schema = GOOD.add("w", DataTypes.DoubleType);
    double[][] cases = {{1.0, -0.5}, {Double.NaN, 1.0}, {0.0, 0.0}};
    String[] expected = {
        "weight column 'w': row 1 is -0.5 (illegal weight value: weight must be >= 0.0)",
        "weight column 'w': row 0 is NaN (must be a finite number)",
        "weight column 'w': the weights of the 2 rows sum to 0.0 (need a positive total weight)"};
    for (int c = 0; c < cases.length; c++) {
      Dataset<Row> df = SharedSparkSession.get().createDataFrame(List.of(
          RowFactory.create(1.0, Vectors.dense(1, 2), cases[c][0]),
          RowFactory.create(2.0, Vectors.dense(3, 5), cases[c][1])), schema);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> t.fit(df));
      assertEquals(expected[c], e.getMessage());
    }
  }

  // GIVEN an elastic net or another estimator WHEN transformSchema THEN the param is named
  @Test
  void unsupportedLearnersAndParamsAreRefused() {
    HypergradientTuner en = new HypergradientTuner()
        .setLearner(new LogisticRegression().setElasticNetParam(0.5));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> en.transformSchema(GOOD));
    assertTrue(e.getMessage().startsWith("learner param elasticNetParam = 0.5 is not "
        + "supported"), e.getMessage());
    HypergradientTuner tree = new HypergradientTuner().setLearner(new DecisionTreeClassifier());
    IllegalArgumentException t = assertThrows(IllegalArgumentException.class,
        () -> tree.transformSchema(GOOD));
    assertTrue(t.getMessage().contains("DecisionTreeClassifier") && t.getMessage()
        .contains("is not supported"), t.getMessage());
    HypergradientTuner custom = new HypergradientTuner().setLearner(new org.apache.spark.ml
        .Pipeline().setStages(new org.apache.spark.ml.PipelineStage[] {new LogisticRegression()}));
    IllegalArgumentException c = assertThrows(IllegalArgumentException.class,
        () -> custom.fit(SharedSparkSession.get().createDataFrame(List.of(
            RowFactory.create(1.0, Vectors.dense(1, 2))), GOOD)));
    assertTrue(c.getMessage().startsWith("learner: org.apache.spark.ml.Pipeline (uid ")
        && c.getMessage().contains("is not supported"), c.getMessage());
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> new HypergradientTuner().transformSchema(GOOD));
    assertTrue(none.getMessage().contains("param learner is not set"), none.getMessage());
  }

  // GIVEN a bad param value WHEN set THEN Spark's validator refuses it
  @Test
  void paramsHaveDocsDefaultsAndValidators() {
    HypergradientTuner t = new HypergradientTuner().setLearner(new LogisticRegression());
    String explained = t.explainParams();
    assertTrue(explained.contains("numFolds: number of folds") && explained.contains(
        "(default: 3)"), explained);
    assertThrows(IllegalArgumentException.class, () -> t.setNumFolds(1));
    assertThrows(IllegalArgumentException.class, () -> t.setHyperparameters("perRow"));
    HypergradientTuner c = t.copy(new org.apache.spark.ml.param.ParamMap());
    assertEquals(t.uid(), c.uid());
    assertEquals(3, (int) (Integer) c.getOrDefault(c.numFolds()));
  }

  // GIVEN a NaN inside a sparse features vector WHEN fit THEN the column, row and index named
  @Test
  void nanInSparseFeaturesIsRefusedNamingTheColumn() {
    Dataset<Row> df = SharedSparkSession.get().createDataFrame(List.of(
        RowFactory.create(1.0, Vectors.sparse(3, new int[] {0}, new double[] {1})),
        RowFactory.create(0.0, Vectors.sparse(3, new int[] {2}, new double[] {Double.NaN}))),
        GOOD);
    HypergradientTuner t = new HypergradientTuner().setLearner(new LogisticRegression());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.fit(df));
    assertEquals("features column 'features': entry (1, 2) is NaN (must be finite)",
        e.getMessage());
  }
}
