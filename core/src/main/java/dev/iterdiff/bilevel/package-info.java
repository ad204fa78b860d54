/**
 * Bilevel hyperparameter optimization: min over θ of g(x*(θ), θ), x*(θ) = argmin_x f(x; θ).
 *
 * <p>Outer objectives ({@link dev.iterdiff.bilevel.OuterObjective}: validation squared and
 * logistic loss, optional regularization of θ), K-fold cross-validation splits
 * ({@link dev.iterdiff.bilevel.KFold}), the hypergradient of one fold
 * ∇g = ∂_θg + Jᵀ∇ₓg through any {@link dev.iterdiff.diff.Estimator}
 * ({@link dev.iterdiff.bilevel.FoldHypergradient}), its reduction over folds
 * ({@link dev.iterdiff.bilevel.HypergradientAggregator}), and the outer loop
 * ({@link dev.iterdiff.bilevel.OuterLoop}): gradient descent or Adam on φ, θ = T(φ) by a
 * {@link dev.iterdiff.bilevel.Parametrization} (log, identity, box), backtracking or HOAG step
 * rules with inexact inner solves (Pedregosa 2016) as pure functions of an immutable
 * {@link dev.iterdiff.bilevel.OptimizerState}, stopping rules, warm starts; the immutable
 * {@link dev.iterdiff.bilevel.OuterState} is both the checkpointed state and the result with
 * its history. The inner problems are {@link dev.iterdiff.bilevel.InnerTasks} of any kind
 * (folds: {@link dev.iterdiff.bilevel.FoldTasks}). No Spark here: the Spark job plugs a
 * distributed {@link dev.iterdiff.bilevel.OuterEvaluator} into the same loop.
 */
package dev.iterdiff.bilevel;
