package dev.iterdiff.problem;

import java.util.ArrayList;
import java.util.List;

/**
 * The lengths of θ a registered problem accepts, as a function of the data's shape (N rows,
 * p features) and of the problem's number of unknowns n = dim x (p, or p·K for the softmax
 * loss over K classes): 1 ({@code single}), p ({@code perFeature}), N ({@code perSample}),
 * n ({@code perUnknown}) and/or a fixed length ({@code exactly}, e.g. 2 for the elastic net's
 * (τ₁, τ₂)). Read by configs and help texts, so that no consumer guesses from a problem's name.
 *
 * @param single     θ of length 1 accepted.
 * @param perFeature θ of length p accepted.
 * @param perSample  θ of length N accepted.
 * @param perUnknown θ of length n = dim x accepted (a prior mean).
 * @param exactly    a further length accepted whatever the shape, or 0 for none.
 */
public record ThetaLengths(boolean single, boolean perFeature, boolean perSample,
    boolean perUnknown, int exactly) {

  /** 1 or p: a regularization weight, or one per feature. */
  public static final ThetaLengths ONE_OR_FEATURES = new ThetaLengths(true, true, false);
  /** 1 or N: one shared sample weight, or one per sample. */
  public static final ThetaLengths ONE_OR_SAMPLES = new ThetaLengths(true, false, true);
  /** N: one weight per sample. */
  public static final ThetaLengths SAMPLES = new ThetaLengths(false, false, true);
  /** n = dim x: one value per unknown (a prior mean). */
  public static final ThetaLengths UNKNOWNS = new ThetaLengths(false, false, false, true, 0);
  /** 2: two weights (the elastic net's τ₁, τ₂). */
  public static final ThetaLengths TWO = new ThetaLengths(false, false, false, false, 2);

  /** @throws IllegalArgumentException if no length is accepted or exactly &lt; 0. */
  public ThetaLengths {
    if (exactly < 0 || (!single && !perFeature && !perSample && !perUnknown && exactly == 0)) {
      throw new IllegalArgumentException("theta lengths: at least one of 1, p, N, dim x or a "
          + "fixed length > 0, got exactly = " + exactly);
    }
  }

  /** Lengths among 1, p and N only. */
  public ThetaLengths(boolean single, boolean perFeature, boolean perSample) {
    this(single, perFeature, perSample, false, 0);
  }

  /** Lengths among 1, p, N and dim x. */
  public ThetaLengths(boolean single, boolean perFeature, boolean perSample,
      boolean perUnknown) {
    this(single, perFeature, perSample, perUnknown, 0);
  }

  /** Lengths among 1, p and N, and a fixed one. */
  public ThetaLengths(boolean single, boolean perFeature, boolean perSample, int exactly) {
    this(single, perFeature, perSample, false, exactly);
  }

  /** Whether θ of length m is accepted on data with the given shape, dim x = p. */
  public boolean accepts(int m, int rows, int cols) {
    return accepts(m, rows, cols, cols);
  }

  /** Whether θ of length m is accepted on data with the given shape and dim x = unknowns. */
  public boolean accepts(int m, int rows, int cols, int unknowns) {
    return (single && m == 1) || (perFeature && m == cols) || (perSample && m == rows)
        || (perUnknown && m == unknowns) || (exactly > 0 && m == exactly);
  }

  /** The accepted lengths on data with the given shape, dim x = p, ascending. */
  public List<Integer> accepted(int rows, int cols) {
    return accepted(rows, cols, cols);
  }

  /** The accepted lengths on data with the given shape and dim x, ascending, no repeats. */
  public List<Integer> accepted(int rows, int cols, int unknowns) {
    List<Integer> out = new ArrayList<>();
    int[] candidates = {1, rows, cols, unknowns, Math.max(1, exactly)};
    java.util.Arrays.sort(candidates);
    for (int m : candidates) {
      if (!out.contains(m) && accepts(m, rows, cols, unknowns)) {
        out.add(m);
      }
    }
    return out;
  }

  /** "1 or p", "1 or N", "N", "2", … for help texts. */
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
    if (perUnknown) {
      parts.add("dim x");
    }
    if (exactly > 0) {
      parts.add(Integer.toString(exactly));
    }
    return String.join(" or ", parts);
  }
}
