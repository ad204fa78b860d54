package dev.iterdiff.optimality;

import dev.iterdiff.catalog.Catalog;
import java.util.List;

/**
 * The catalog of optimality conditions G(z, θ) = 0 that implicit differentiation can use. The
 * solver that computed z and the condition used to differentiate it are chosen independently
 * (as in JAXopt). A new condition is one class and one line in {@link #CATALOG}.
 */
public final class Conditions {

  /** Every registered condition, in the order help texts list them. */
  public static final Catalog<ConditionEntry> CATALOG = Catalog.of("optimality condition",
      new ConditionEntry(Stationarity.NAME, "grad_x f(x, theta) = 0 at x_k (smooth, "
          + "unconstrained problems)", Stationarity.CAPABILITIES,
          solution -> new Stationarity(solution.solver().problem())),
      new ConditionEntry(FixedPoint.NAME, "F(s, theta) - s = 0 at s_k with the solver's last "
          + "step record (any solver)", FixedPoint.CAPABILITIES, FixedPoint::atLastStep),
      new ConditionEntry(ProxGradientFixedPoint.NAME, "prox_{eta g}(x - eta grad f) - x = 0 "
          + "(composite f + g; support-restricted system for l1, elastic net, box)",
          ProxGradientFixedPoint.CAPABILITIES, ProxGradientFixedPoint::of),
      MirrorDescentCondition.ENTRY,
      new ConditionEntry(KktCondition.NAME, "KKT of a qp on (x, nu, lambda, s): stationarity, "
          + "primal feasibility, complementarity", KktCondition.CAPABILITIES, KktCondition::of));

  /** The valid names. */
  public static final List<String> NAMES = CATALOG.names();

  private Conditions() {}
}
