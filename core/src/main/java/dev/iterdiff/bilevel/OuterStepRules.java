package dev.iterdiff.bilevel;

import dev.iterdiff.catalog.Catalog;
import dev.iterdiff.linalg.Blas;
import dev.iterdiff.bilevel.OuterStepRuleEntry.Verdict;
import java.util.List;

/**
 * The catalog of outer step rules, with φ the point just evaluated and φ_a the anchor:
 * <ul>
 *   <li>{@code fixed}: always accept;</li>
 *   <li>{@code backtracking} (Armijo): accept when G(φ) ≤ G(φ_a) + c·∇_φG(φ_a)ᵀ(φ − φ_a),
 *       c = 1e−4, and double the step; otherwise halve it (retry from φ_a);</li>
 *   <li>{@code hoag} (Pedregosa, <i>Hyperparameter optimization with approximate
 *       gradient</i>, ICML 2016, Alg. 1 and its code): step 1/L; with incr = ‖φ − φ_a‖,
 *       accept and L ← 0.95·L when G(φ) − ε_k ≤ G(φ_a) + ε_a + ε_a·incr − L/2·incr², accept
 *       when G(φ) ≤ G(φ_a), otherwise reject, L ← 2L, ε ← max(ε/2, ε_min).</li>
 * </ul>
 * A new rule is one decision and one line in {@link #CATALOG}.
 */
public final class OuterStepRules {

  /** Armijo constant c of backtracking. */
  public static final double ARMIJO = 1e-4;

  /** Every registered step rule. */
  public static final Catalog<OuterStepRuleEntry> CATALOG = Catalog.of("outer step rule",
      new OuterStepRuleEntry("fixed", "constant step learning-rate", false,
          (st, phi, value, tol, options) -> new Verdict(true, st.step(),
              st.tolerance())),
      new OuterStepRuleEntry("backtracking", "Armijo on the outer objective; step halved on "
          + "failure, doubled on success", false, OuterStepRules::backtracking),
      new OuterStepRuleEntry("hoag", "Pedregosa 2016: step 1/L, L x 0.95 on sufficient "
          + "decrease, L x 2 and the inner tolerance halved on increase", true,
          OuterStepRules::hoag));

  /** The valid names. */
  public static final List<String> NAMES = CATALOG.names();

  private OuterStepRules() {}

  private static Verdict backtracking(OptimizerState st, double[] phi, double value,
      double tol, OuterOptions options) {
    OptimizerState.Anchor a = st.anchor();
    double slope = 0;
    for (int j = 0; j < phi.length; j++) {
      slope += a.gradient(j) * (phi[j] - a.phi(j));
    }
    if (value <= a.value() + ARMIJO * slope) {
      return new Verdict(true, st.step() * 2, st.tolerance());
    }
    return new Verdict(false, st.step() * 0.5, st.tolerance());
  }

  private static Verdict hoag(OptimizerState st, double[] phi, double value, double tol,
      OuterOptions options) {
    OptimizerState.Anchor a = st.anchor();
    double incr = Blas.distance(phi, a.phi());
    double lip = 1.0 / st.step();
    double epsA = Double.isNaN(a.tolerance()) ? 0 : a.tolerance();
    double epsK = Double.isNaN(tol) ? 0 : tol;
    if (value - epsK <= a.value() + epsA + epsA * incr - 0.5 * lip * incr * incr) {
      return new Verdict(true, 1.0 / (0.95 * lip), st.tolerance());
    }
    if (value <= a.value()) {
      return new Verdict(true, st.step(), st.tolerance());
    }
    double tolerance = Double.isNaN(st.tolerance()) ? st.tolerance()
        : Math.max(0.5 * st.tolerance(), options.minInnerTolerance());
    return new Verdict(false, 1.0 / (2 * lip), tolerance);
  }
}
