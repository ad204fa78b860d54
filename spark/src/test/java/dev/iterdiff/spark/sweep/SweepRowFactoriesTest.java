package dev.iterdiff.spark.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.diff.Diagnostics;
import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.spec.EstimatorSpec;
import dev.iterdiff.spec.InnerKernel;
import dev.iterdiff.spec.ProblemSpec;
import dev.iterdiff.spec.SolverSpec;
import dev.iterdiff.solver.Solution;
import org.junit.jupiter.api.Test;

/** Rows built from (instance, solution, estimate): what applies is set, the rest is empty. */
class SweepRowFactoriesTest {

  private final SweepRow.Instance head = new SweepRow.Instance(7, "d", "ridge", "gd",
      new double[] {0.5});

  private Solution solve() {
    LabeledData data = new LabeledData(new double[] {1, 0, 0, 2}, 2, 2, new double[] {1, 1},
        "2x2");
    InnerKernel k = InnerKernel.build(ProblemSpec.of("ridge"),
        new SolverSpec("gd", null, 5, Double.NaN), EstimatorSpec.of("one-step"), data, 1);
    return k.solve(new double[] {0.5}, new double[2]);
  }

  @Test
  void anOkRowCarriesTheSolveTheDiagnosticsAndWhatWasAdded() {
    Solution s = solve();
    Diagnostics d = new Diagnostics(5, 0.1, "cholesky", 0, 1e-15, 0.5, 2.0, 2.0);
    SweepRow r = SweepRow.of(head, s, "implicit", d, 0.25);
    assertTrue(r.ok());
    assertEquals(7, r.instanceId());
    assertEquals(5, r.iterations());
    assertEquals(s.residual(), r.optimalityResidual());
    assertEquals("cholesky", r.linearSolver());
    assertEquals(0.25, r.diffSeconds());
    assertTrue(Double.isNaN(r.jacobianError()) && Double.isNaN(r.outerValue()));
    assertNull(r.hypergradient());
    assertEquals(-1, r.jacobianRows());
    SweepRow full = r.withMessage("m").withReferenceError(0.1, 0.2)
        .withOuter(3.0, new double[] {4}).withOutput(new double[] {1, 2}, new double[] {5, 6},
            2, 1);
    assertEquals("m", full.message());
    assertEquals(0.1, full.jacobianError());
    assertEquals(0.2, full.jacobianErrorAbs());
    assertEquals(3.0, full.outerValue());
    assertArrayEquals(new double[] {5, 6}, full.jacobian());
    assertEquals(2, full.jacobianRows());
    assertEquals(-1, r.withOutput(null, null, 2, 1).jacobianCols());
  }

  @Test
  void aFailedRowKeepsTheSolveOnlyWhenThereWasOne() {
    SweepRow noSolve = SweepRow.failed(head, "implicit", "diverged", "why", null);
    assertFalse(noSolve.ok());
    assertEquals(-1, noSolve.iterations());
    assertTrue(Double.isNaN(noSolve.solveSeconds()) && Double.isNaN(noSolve.rho()));
    SweepRow afterSolve = SweepRow.failed(head, "implicit", "linear-solve-failed", "why",
        solve());
    assertEquals(5, afterSolve.iterations());
    assertTrue(afterSolve.converged());
    assertNull(afterSolve.linearSolver());
    assertThrows(IllegalArgumentException.class,
        () -> SweepRow.failed(head, "implicit", SweepRow.OK, null, null));
  }
}
