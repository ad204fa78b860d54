package dev.iterdiff.problem;

import java.util.ArrayList;
import java.util.List;

/**
 * The lengths of θ a registered problem accepts, as a function of the data's shape (N rows,
 * p features) and of the problem's number of unknowns n = dim x (p, or p·K for the softmax
 * loss over K classes): 1 ({@code single}), p ({@code perFeature}), N ({@code perSample})
 * and/or n ({@code perUnknown}).
 * Read by configs and help texts, so that no consumer guesses from a problem's name.
 *
 * @param single     θ of length 1 accepted.
 * @param perFeature θ of length p accepted.
 * @param perSample  θ of length N accepted.
 * @param perUnknown θ of length n = dim x accepted (a prior mean).
 */
public record ThetaLengths(boolean single, boolean perFeature, boolean perSample,
    boolean perUnknown) {

  /** 1 or p: a regularization weight, or one per feature. */
  public static final ThetaLengths ONE_OR_FEATURES = new ThetaLengths(true, true, false);
  /** 1 or N: one shared sample weight, or one per sample. */
  public static final ThetaLengths ONE_OR_SAMPLES = new ThetaLengths(true, false, true);
  /** N: one weight per sample. */
  public static final ThetaLengths SAMPLES = new ThetaLengths(false, false, true);
  /** n = dim x: one value per unknown (a prior mean). */
  public static final ThetaLengths UNKNOWNS = new ThetaLengths(false, false, false, true);

  /** @throws IllegalArgumentException if no length is accepted. */
  public ThetaLengths {
    if (!single && !perFeature && !perSample && !perUnknown) {
      throw new IllegalArgumentException("theta lengths: at least one of 1, p, N, dim x");
    }
  }

  /** Lengths among 1, p and N (not per unknown). */
  public ThetaLengths(boolean single, boolean perFeature, boolean perSample) {
    this(single, perFeature, perSample, false);
  }

  /** Whether θ of length m is accepted on data with the given shape, dim x = p. */
  public boolean accepts(int m, int rows, int cols) {
    return accepts(m, rows, cols, cols);
  }

  /** Whether θ of length m is accepted on data with the given shape and dim x = unknowns. */
  public boolean accepts(int m, int rows, int cols, int unknowns) {
    return (single && m == 1) || (perFeature && m == cols) || (perSample && m == rows)
        || (perUnknown && m == unknowns);
  }

  /** The accepted lengths on data with the given shape, dim x = p, ascending. */
  public List<Integer> accepted(int rows, int cols) {
    return accepted(rows, cols, cols);
  }

  /** The accepted lengths on data with the given shape and dim x, ascending, no repeats. */
  public List<Integer> accepted(int rows, int cols, int unknowns) {
    List<Integer> out = new ArrayList<>();
    int[] candidates = {1, rows, cols, unknowns};
    java.util.Arrays.sort(candidates);
    for (int m : candidates) {
      if (!out.contains(m) && accepts(m, rows, cols, unknowns)) {
        out.add(m);
      }
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
    if (perUnknown) {
      parts.add("dim x");
    }
    return String.join(" or ", parts);
  }
}
