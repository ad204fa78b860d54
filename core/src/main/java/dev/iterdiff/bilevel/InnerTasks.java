package dev.iterdiff.bilevel;

import java.io.Serializable;

/**
 * The inner tasks of an outer objective G(θ) = 1/K Σ_k g_k(x_k(θ), θ), as the evaluators
 * need them: how many, dim θ, each task's dim x, and a factory that builds task k where it
 * runs — in this process ({@link LocalEvaluator}) or on an executor (the Spark evaluator
 * broadcasts the whole object once and builds each task once per executor). Implementations:
 * {@link FoldTasks} (K-fold cross validation); meta-learning tasks and data partitions plug in
 * the same way — one class implementing this interface, and the same evaluators, aggregator
 * ({@link HypergradientAggregator}, task-order sums), checkpoints and outputs serve them.
 */
public interface InnerTasks extends Serializable {

  /** K, the number of tasks; they are numbered 0…K−1. */
  int count();

  /** dim θ, the global hyperparameters. */
  int thetaDim();

  /** dim x of task k (its warm start's length). */
  int stateDim(int task);

  /**
   * Builds task {@code k} (expensive: data subsets, solver workspaces); callers cache it.
   *
   * @throws IllegalArgumentException if k is out of 0…K−1.
   */
  InnerTask task(int k);
}
