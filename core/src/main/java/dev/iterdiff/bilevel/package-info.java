/**
 * Bilevel hyperparameter optimization: min over θ of g(x*(θ), θ), x*(θ) = argmin_x f(x; θ).
 *
 * <p>Outer objectives ({@link dev.iterdiff.bilevel.OuterObjective}: validation squared and
 * logistic loss, optional regularization of θ), K-fold cross-validation splits
 * ({@link dev.iterdiff.bilevel.KFold}), the hypergradient of one fold
 * ∇g = ∂_θg + Jᵀ∇ₓg through any {@link dev.iterdiff.diff.Estimator}
 * ({@link dev.iterdiff.bilevel.FoldHypergradient}), its reduction over folds
 * ({@link dev.iterdiff.bilevel.HypergradientAggregator}), and the outer loop
 * ({@link dev.iterdiff.bilevel.OuterLoop}): gradient descent or Adam on log θ, backtracking or
 * HOAG step rules with inexact inner solves (Pedregosa 2016), stopping rules, warm starts.
 * No Spark here: the Spark job plugs a distributed {@link dev.iterdiff.bilevel.OuterEvaluator}
 * into the same loop.
 */
package dev.iterdiff.bilevel;
