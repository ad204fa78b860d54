package dev.iterdiff.bilevel;

import dev.iterdiff.catalog.Catalog;
import dev.iterdiff.bilevel.OuterOptimizerEntry.Proposal;
import java.util.List;

/**
 * The catalog of outer optimizers on φ (log θ, or θ itself: see {@link Parametrizations}). Each computes φ_a − step·d from the anchor φ_a
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

  private static Proposal gradientDescent(OptimizerState st, boolean freshAnchor,
      OuterOptions options) {
    OptimizerState.Anchor a = st.anchor();
    double[] next = new double[a.dim()];
    for (int j = 0; j < next.length; j++) {
      next[j] = a.phi(j) - st.step() * a.gradient(j);
    }
    return new Proposal(next, st.moments(), st.updates());
  }

  private static Proposal adam(OptimizerState st, boolean freshAnchor, OuterOptions options) {
    OptimizerState.Anchor a = st.anchor();
    int m = a.dim();
    double[][] mv = st.moments();
    double[] mom = mv.length == 2 ? mv[0] : new double[m];
    double[] vel = mv.length == 2 ? mv[1] : new double[m];
    int t = st.updates();
    if (freshAnchor) {
      t++;
      for (int j = 0; j < m; j++) {
        double gj = a.gradient(j);
        mom[j] = options.beta1() * mom[j] + (1 - options.beta1()) * gj;
        vel[j] = options.beta2() * vel[j] + (1 - options.beta2()) * gj * gj;
      }
    }
    double c1 = 1 - Math.pow(options.beta1(), t);
    double c2 = 1 - Math.pow(options.beta2(), t);
    double[] next = new double[m];
    for (int j = 0; j < m; j++) {
      double d = (mom[j] / c1) / (Math.sqrt(vel[j] / c2) + ADAM_EPS);
      next[j] = a.phi(j) - st.step() * d;
    }
    return new Proposal(next, new double[][] {mom, vel}, t);
  }
}
