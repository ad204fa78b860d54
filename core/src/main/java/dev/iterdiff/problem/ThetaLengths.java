package dev.iterdiff.problem;

import java.util.ArrayList;
import java.util.List;

/**
 * The lengths of θ a registered problem accepts, as a function of the data's shape (N rows,
 * p features): 1 ({@code single}), p ({@code perFeature}) and/or N ({@code perSample}).
 * Read by configs and help texts, so that no consumer guesses from a problem's name.
 *
 * @param single     θ of length 1 accepted.
 * @param perFeature θ of length p accepted.
 * @param perSample  θ of length N accepted.
 * @param exactly    a further length accepted whatever the shape (2 for the elastic net's
 *                   (τ₁, τ₂)), or 0 for none.
 */
public record ThetaLengths(boolean single, boolean perFeature, boolean perSample,
    int exactly) {

  /** 1 or p: a regularization weight, or one per feature. */
  public static final ThetaLengths ONE_OR_FEATURES = new ThetaLengths(true, true, false);
  /** 1 or N: one shared sample weight, or one per sample. */
  public static final ThetaLengths ONE_OR_SAMPLES = new ThetaLengths(true, false, true);
  /** N: one weight per sample. */
  public static final ThetaLengths SAMPLES = new ThetaLengths(false, false, true);
  /** 2: two weights (the elastic net's τ₁, τ₂). */
  public static final ThetaLengths TWO = new ThetaLengths(false, false, false, 2);

  /** Lengths among 1, p and N only. */
  public ThetaLengths(boolean single, boolean perFeature, boolean perSample) {
    this(single, perFeature, perSample, 0);
  }

  /** @throws IllegalArgumentException if no length is accepted or exactly &lt; 0. */
  public ThetaLengths {
    if (exactly < 0 || (!single && !perFeature && !perSample && exactly == 0)) {
      throw new IllegalArgumentException("theta lengths: at least one of 1, p, N or a fixed "
          + "length > 0, got exactly = " + exactly);
    }
  }

  /** Whether θ of length m is accepted on data with the given shape. */
  public boolean accepts(int m, int rows, int cols) {
    return (single && m == 1) || (perFeature && m == cols) || (perSample && m == rows)
        || (exactly > 0 && m == exactly);
  }

  /** The accepted lengths on data with the given shape, ascending, without repeats. */
  public List<Integer> accepted(int rows, int cols) {
    List<Integer> out = new ArrayList<>();
    for (int m : new int[] {1, Math.min(rows, cols), Math.max(rows, cols)}) {
      if (!out.contains(m) && accepts(m, rows, cols)) {
        out.add(m);
      }
    }
    if (exactly > 0 && !out.contains(exactly)) {
      out.add(exactly);
      out.sort(null);
    }
    return out;
  }

  /** "1 or p", "1 or N", "N", … for help texts. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    if (single) {
      parts.add("1");
    }
    if (perFeature) {
      parts.add("p");
    }
    if (perSample) {
      parts.add("N");
    }
    if (exactly > 0) {
      parts.add(Integer.toString(exactly));
    }
    return String.join(" or ", parts);
  }
}
