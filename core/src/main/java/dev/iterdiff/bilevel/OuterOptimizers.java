package dev.iterdiff.bilevel;

import dev.iterdiff.catalog.Catalog;
import java.util.List;

/**
 * The catalog of outer optimizers on φ = log θ. Each computes φ_a − step·d from the anchor φ_a
 * (the last accepted point) and its gradient g:
 * <ul>
 *   <li>{@code gd}: d = g;</li>
 *   <li>{@code adam} (Kingma &amp; Ba, <i>Adam</i>, ICLR 2015, Alg. 1): on a fresh anchor
 *       m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², t ← t+1; d = m̂/(√v̂ + ε), m̂ = m/(1−β₁ᵗ),
 *       v̂ = v/(1−β₂ᵗ), ε = 1e−8.</li>
 * </ul>
 * A new optimizer is one update and one line in {@link #CATALOG}.
 */
public final class OuterOptimizers {

  /** Adam's ε. */
  public static final double ADAM_EPS = 1e-8;

  /** Every registered outer optimizer. */
  public static final Catalog<OuterOptimizerEntry> CATALOG = Catalog.of("outer optimizer",
      new OuterOptimizerEntry("gd", "gradient descent on log theta: phi - step * grad",
          OuterStepRules.NAMES, OuterOptimizers::gradientDescent),
      new OuterOptimizerEntry("adam", "Adam (Kingma & Ba 2015) on log theta; step rule fixed",
          List.of("fixed"), OuterOptimizers::adam));

  /** The valid names. */
  public static final List<String> NAMES = CATALOG.names();

  private OuterOptimizers() {}

  private static void gradientDescent(OuterState st, boolean freshAnchor, OuterOptions options,
      double[] next) {
    for (int j = 0; j < next.length; j++) {
      next[j] = st.anchorPhi[j] - st.step * st.anchorGradient[j];
    }
  }

  private static void adam(OuterState st, boolean freshAnchor, OuterOptions options,
      double[] next) {
    int m = next.length;
    if (freshAnchor) {
      st.adamT++;
      for (int j = 0; j < m; j++) {
        double gj = st.anchorGradient[j];
        st.adamM[j] = options.beta1() * st.adamM[j] + (1 - options.beta1()) * gj;
        st.adamV[j] = options.beta2() * st.adamV[j] + (1 - options.beta2()) * gj * gj;
      }
    }
    double c1 = 1 - Math.pow(options.beta1(), st.adamT);
    double c2 = 1 - Math.pow(options.beta2(), st.adamT);
    for (int j = 0; j < m; j++) {
      double d = (st.adamM[j] / c1) / (Math.sqrt(st.adamV[j] / c2) + ADAM_EPS);
      next[j] = st.anchorPhi[j] - st.step * d;
    }
  }
}
