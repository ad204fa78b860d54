package dev.iterdiff.solver;

import dev.iterdiff.problem.Problem;
import java.util.List;
import java.util.function.Function;

/** The solvers under test, as factories of a problem. */
final class TestSolvers {
  private TestSolvers() {}

  static List<Function<Problem, IterativeSolver>> all() {
    return List.of(GradientDescent::new, p -> new GradientDescent(p, StepRule.optimal()),
        HeavyBall::new, p -> new HeavyBall(p, StepRule.fixed(0.05), 0.5), Newton::new,
        p -> new Newton(p, 0.7), p -> Nesterov.ENTRY.create(p, null),
        p -> Nesterov.ENTRY.create(p, "fista"));
  }
}
