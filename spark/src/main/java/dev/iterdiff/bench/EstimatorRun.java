package dev.iterdiff.bench;

import dev.iterdiff.solver.Solution;
import dev.iterdiff.solver.Storage;
import java.util.function.Function;

/**
 * One estimator call to time: what it computes from a shared solve, and the trajectory
 * storage its solve needs (FULL for unrolled-reverse: keeping every state is part of its
 * cost).
 *
 * @param name    estimator name as the CLI spells it, e.g. {@code unrolled-reverse(checkpointed)}.
 * @param product what is computed: {@code vjp} (the hypergradient Jᵀu) or {@code jacobian}
 *                (the full n×m Jacobian).
 * @param storage storage of the solve this estimator needs.
 * @param run     the call; returns the product (its first entry is kept so the JIT cannot
 *                drop the work).
 */
public record EstimatorRun(String name, String product, Storage storage,
    Function<Solution, double[]> run) {

  public EstimatorRun {
    if (name == null || product == null || storage == null || run == null) {
      throw new IllegalArgumentException("estimator run: null field (name=" + name
          + ", product=" + product + ", storage=" + storage + ")");
    }
  }
}
