package dev.iterdiff.solver;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.check.FieldMap;
import dev.iterdiff.check.FiniteDifferenceReport;
import dev.iterdiff.check.FiniteDifferences;
import dev.iterdiff.check.ForwardModeMap;
import dev.iterdiff.map.DifferentiableMap;
import dev.iterdiff.problem.Problem;
import dev.iterdiff.solver.SolverFixtures.Case;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every product of every solver's iteration map, on ridge and logistic with random data and
 * both θ modes, against (1) central finite differences of apply ({@link FiniteDifferences}:
 * relative error ≤ 1e-6 or absolute ≤ 1e-9 per product, ∞-norm, directions ~ N(0, 1)),
 * (2) forward-mode AD of an independent generic implementation ({@link ForwardModeMap}:
 * ‖error‖ ≤ 1e-10·‖reference‖ + 1e-13·‖direction‖), and (3) the adjoint identity to 1e-12.
 */
class IterationMapsTest {

  /** A solver configuration: its hand-written map and the generic reference. */
  record Config(String label, DifferentiableMap map, FieldMap reference, int stateDim) {}

  static List<Arguments> configs() {
    List<Arguments> out = new ArrayList<>();
    for (Case c : SolverFixtures.cases()) {
      Problem p = c.problem();
      int n = p.dim();
      int m = p.thetaDim();
      GradientDescent gd = new GradientDescent(p);
      double t = gd.step(c.theta());
      out.add(Arguments.of(c, new Config("gd(1/L)", gd.iteration(t),
          FieldIterations.gradientDescent(c.field(), n, m, t), n)));
      GradientDescent gdOpt = new GradientDescent(p, StepRule.optimal());
      double to = gdOpt.step(c.theta());
      out.add(Arguments.of(c, new Config("gd(2/(mu+L))", gdOpt.iteration(to),
          FieldIterations.gradientDescent(c.field(), n, m, to), n)));
      HeavyBall hb = new HeavyBall(p);
      double a = hb.alpha(c.theta());
      double b = hb.beta(c.theta());
      out.add(Arguments.of(c, new Config("heavy-ball", hb.iteration(a, b),
          FieldIterations.heavyBall(c.field(), n, m, a, b), 2 * n)));
      for (String spec : new String[] {null, "fista"}) {
        Nesterov nag = (Nesterov) Nesterov.ENTRY.create(p, spec);
        double tg = nag.step(c.theta());
        double bg = spec == null ? nag.constantMomentum(c.theta()) : 0.6;
        out.add(Arguments.of(c, new Config("nesterov(" + spec + ")", nag.iteration(tg, bg),
            FieldIterations.nesterov(c.field(), n, m, tg, bg), 2 * n)));
      }
      for (double tn : new double[] {1.0, 0.5}) {
        out.add(Arguments.of(c, new Config("newton(t=" + tn + ")", new Newton(p).iteration(tn),
            FieldIterations.newton(c.field(), n, m, tn), n)));
      }
    }
    return out;
  }

  private static double[] point(Case c, int dim) {
    double[] s = MapCheck.random(new Random(c.label().hashCode()), dim);
    for (int i = 0; i < dim; i++) {
      s[i] *= 0.7;
    }
    return s;
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("configs")
  void productsMatchCentralDifferences(Case c, Config cfg) {
    double[] s = point(c, cfg.stateDim());
    FiniteDifferenceReport report = FiniteDifferences.checkMap(cfg.map(), s, c.theta(), 7);
    assertTrue(report.passes(1e-6, 1e-9), c + " " + cfg.label() + "\n" + report);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("configs")
  void productsMatchForwardModeAd(Case c, Config cfg) {
    double[] s = point(c, cfg.stateDim());
    MapCheck.sameProducts(cfg.map(), new ForwardModeMap(cfg.reference()), s, c.theta(), 8,
        1e-10, c + " " + cfg.label());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("configs")
  void adjointIdentity(Case c, Config cfg) {
    MapCheck.adjoint(cfg.map(), point(c, cfg.stateDim()), c.theta(), 9);
  }

  @Override
  public String toString() {
    return "IterationMapsTest";
  }
}
