package dev.iterdiff.bilevel;

import dev.iterdiff.problem.LabeledData;
import java.util.List;
import java.util.Locale;

/**
 * How the hyperparameters of a tuning are scaled before the inner problem sees them:
 * {@link #NONE}, or {@link #LABEL_STD} — the inner problem on a training set with label
 * standard deviation δ (population, centred) sees θ/δ, the scaling of Spark ML's
 * {@code LinearRegression} (its WeightedLeastSquares penalizes regParam/δ), so that θ equals
 * Spark's regParam exactly.
 */
public enum PenaltyScale {

  /** θ as given. */
  NONE("none"),

  /** θ/δ, δ the training labels' standard deviation. */
  LABEL_STD("label-std");

  private final String spelling;

  PenaltyScale(String spelling) {
    this.spelling = spelling;
  }

  /** The spelling of the configs ({@code none}, {@code label-std}). */
  public String spelling() {
    return spelling;
  }

  /** The spellings, in declaration order. */
  public static List<String> spellings() {
    return List.of(NONE.spelling, LABEL_STD.spelling);
  }

  /**
   * @param text {@code none} or {@code label-std} (case-insensitive); null means none.
   * @throws IllegalArgumentException naming the value and the valid ones.
   */
  public static PenaltyScale parse(String text) {
    if (text == null) {
      return NONE;
    }
    String t = text.trim().toLowerCase(Locale.ROOT);
    for (PenaltyScale s : values()) {
      if (s.spelling.equals(t)) {
        return s;
      }
    }
    throw new IllegalArgumentException("penalty-scale: unknown '" + text + "' (expected "
        + String.join(" or ", spellings()) + ")");
  }

  /**
   * The factor c the inner problem on {@code train} multiplies θ with: 1, or 1/δ.
   *
   * @throws IllegalArgumentException if the labels have no spread (δ = 0), naming the data.
   */
  public double factor(LabeledData train) {
    if (this == NONE) {
      return 1.0;
    }
    double mean = 0;
    double sq = 0;
    for (double b : train.labels()) {
      mean += b;
      sq += b * b;
    }
    mean /= train.rows();
    double std = Math.sqrt(Math.max(0, sq / train.rows() - mean * mean));
    if (!(std > 0)) {
      throw new IllegalArgumentException("penalty-scale label-std: the labels of "
          + train.source() + " have standard deviation " + std);
    }
    return 1.0 / std;
  }
}
