package dev.iterdiff.data;

import dev.iterdiff.problem.LabeledData;

/**
 * Standardization as scikit-learn's {@code StandardScaler}: z = (v − mean)/std with the
 * population standard deviation std = √(Σ(v − mean)²/N) (ddof = 0). Two passes per column
 * (mean, then centred sum of squares) for accuracy.
 */
public final class Standardization {

  private Standardization() {}

  /**
   * A copy of {@code data} with every feature column standardized; labels unchanged.
   *
   * @throws IllegalArgumentException if a column is constant (std = 0), naming it.
   */
  public static LabeledData features(LabeledData data) {
    int n = data.rows();
    double[] a = data.a().clone();
    for (int j = 0; j < data.cols(); j++) {
      standardize(a, j * n, n, data.source() + ": feature " + (j + 1));
    }
    return new LabeledData(a, n, data.cols(), data.labels().clone(), data.source());
  }

  /** A copy of {@code data} with the labels standardized too (regression targets). */
  public static LabeledData featuresAndLabels(LabeledData data) {
    LabeledData d = features(data);
    double[] labels = d.labels();
    standardize(labels, 0, labels.length, data.source() + ": label");
    return d;
  }

  /**
   * Standardizes v[from .. from+n) in place. Modified.
   *
   * @throws IllegalArgumentException if the values are all equal, naming {@code what}.
   */
  static void standardize(double[] v, int from, int n, String what) {
    double sum = 0;
    for (int i = from; i < from + n; i++) {
      sum += v[i];
    }
    double mean = sum / n;
    double squares = 0;
    for (int i = from; i < from + n; i++) {
      double d = v[i] - mean;
      squares += d * d;
    }
    double std = Math.sqrt(squares / n);
    if (!(std > 0)) {
      throw new IllegalArgumentException(what + " is constant (" + mean
          + "): cannot standardize");
    }
    for (int i = from; i < from + n; i++) {
      v[i] = (v[i] - mean) / std;
    }
  }
}
