package dev.iterdiff.problem;

import dev.iterdiff.catalog.Catalog;
import dev.iterdiff.map.Checks;
import java.util.List;

/**
 * The catalog of the problems the CLI and the jobs name, each a {@link RegularizedRisk}
 * composed of a data term, the ℓ₂ penalty and the way θ enters: {@code ridge},
 * {@code logistic} (θ = the penalty's weights), {@code weighted-ridge} and
 * {@code weighted-logistic} (θ = sample weights, the one-step paper's experiments),
 * {@code softmax} (θ = λ) and {@code softmax-prior} (θ = a prior mean, iMAML); and the
 * composite f + g problems of {@link ProximalProblems}: {@code lasso}, {@code elastic-net},
 * {@code nnls}, {@code simplex-ls} (solved by prox-gradient, fista, projected-gradient). A new
 * problem is one line in {@link #CATALOG} (and, for a new part, one class).
 */
public final class Problems {

  /** Every registered problem, in the order help texts list them. */
  public static final Catalog<ProblemEntry> CATALOG = Catalog.of("problem",
      new ProblemEntry("ridge", List.of(), "1/(2N)|Ax - b|^2 + 1/2 sum_j theta_j x_j^2; theta: "
          + "one lambda or one per feature", "squared", ThetaLengths.ONE_OR_FEATURES, false, true,
          (data, m, alpha) -> RegularizedRisk.of("ridge", SquaredLoss.mean(data),
              new RegularizationWeights("ridge", data.cols(), m))),
      new ProblemEntry("logistic", List.of(), "1/N sum_i log(1 + exp(-y_i a_i'x)) + 1/2 sum_j "
          + "theta_j x_j^2; theta: one lambda or one per feature", "logistic",
          ThetaLengths.ONE_OR_FEATURES, false, true,
          (data, m, alpha) -> RegularizedRisk.of("logistic", LogisticLoss.mean(data),
              new RegularizationWeights("logistic", data.cols(), m))),
      new ProblemEntry("weighted-ridge", List.of(), "1/2 sum_i theta_i (a_i'x - b_i)^2 + "
          + "alpha/2 |x|^2; theta: one weight per sample, or one shared", "squared",
          ThetaLengths.ONE_OR_SAMPLES, true, true,
          (data, m, alpha) -> RegularizedRisk.of("weighted-ridge", SquaredLoss.sum(data),
              SampleWeights.sharedOrPerSample("weighted-ridge", data.rows(), m, alpha))),
      new ProblemEntry("weighted-logistic", List.of(), "1/N sum_i theta_i log(1 + exp(-y_i "
          + "a_i'x)) + alpha/2 |x|^2; theta: one weight per sample", "logistic",
          ThetaLengths.SAMPLES, true, true,
          (data, m, alpha) -> RegularizedRisk.of("weighted-logistic", LogisticLoss.mean(data),
              SampleWeights.perSample("weighted-logistic", data, m, positive(alpha)))),
      new ProblemEntry("lasso", List.of(), "1/(2N)|Ax - b|^2 + sum_j theta_j |x_j|; theta: one "
          + "threshold or one per feature", "squared", ThetaLengths.ONE_OR_FEATURES, false, false,
          (data, m, alpha) -> ProximalProblems.lasso(data, m)),
      new ProblemEntry("elastic-net", List.of("elasticnet"), "1/(2N)|Ax - b|^2 + theta_1 |x|_1 "
          + "+ theta_2/2 |x|^2; theta = (theta_1, theta_2)", "squared", ThetaLengths.TWO, false,
          false, (data, m, alpha) -> ProximalProblems.elasticNet(data, m)),
      new ProblemEntry("nnls", List.of(), "1/(2N)|Ax - b|^2 + 1/2 sum_j theta_j x_j^2 subject to "
          + "x >= 0; theta: one lambda or one per feature", "squared",
          ThetaLengths.ONE_OR_FEATURES, false, false,
          (data, m, alpha) -> ProximalProblems.nnls(data, m)),
      new ProblemEntry("simplex-ls", List.of(), "1/(2N)|Ax - b|^2 + alpha/2 |x|^2 on the simplex "
          + "{x >= 0, sum x = theta}; theta: the radius (1: probability simplex)", "squared",
          new ThetaLengths(true, false, false), true, false,
          (data, m, alpha) -> ProximalProblems.simplexLeastSquares(data, m, alpha)),
      new ProblemEntry("softmax", List.of(), "1/N sum_i (logsumexp(X'a_i) - (X'a_i)_{y_i}) + 1/2 "
          + "sum_jk theta_j X_jk^2, X p x K (K classes: the distinct labels); theta: one lambda "
          + "or one per feature", "logistic", ThetaLengths.ONE_OR_FEATURES, false, true,
          (data, m, alpha) -> softmax(data, m), Problems::softmaxUnknowns),
      new ProblemEntry("softmax-prior", List.of(), "1/N sum_i (logsumexp(X'a_i) - "
          + "(X'a_i)_{y_i}) + alpha/2 |X - theta|^2; theta: the prior mean, p x K (iMAML)",
          "logistic", ThetaLengths.UNKNOWNS, true, true,
          (data, m, alpha) -> softmaxPrior(data, m, alpha), Problems::softmaxUnknowns),
      new ProblemEntry("quadratic", List.of(), "1/2 s x'Hx - b'x, H = A'A/N (a spectrum of "
          + "your choice: SampleFiles quadratic); theta: b (length p) or the scale s > 0 of H "
          + "(length 1, b = A'y/N)", "squared", ThetaLengths.ONE_OR_FEATURES, false, true,
          (data, m, alpha) -> new QuadraticProblem("quadratic", data, m)),
      new ProblemEntry("qp", List.of(), "1/2 x'Qx + q'x s.t. Ax = b, Gx <= h (--data FILE.json "
          + "or generate:n=N,seed=S); theta: q, b, h or a scale of Q", "squared",
          ThetaLengths.ONE_OR_FEATURES, false, false, Problems::ownData, QpSource.INSTANCE));

  /** The valid names, as the CLI spells them. */
  public static final List<String> NAMES = CATALOG.names();

  private Problems() {}

  /**
   * A new problem instance (own workspaces: one per thread).
   *
   * @param name        a name of {@link #CATALOG}.
   * @param data        the data set (A and labels, used as given).
   * @param thetaLength ridge/logistic: 1 (single λ) or p (per feature); weighted-ridge: 1
   *                    (shared weight) or N (per sample); weighted-logistic: N (see each
   *                    entry's {@link ProblemEntry#thetaLengths}).
   * @param alpha       the fixed ℓ₂ weight of weighted-ridge (α ≥ 0) and weighted-logistic
   *                    (λ &gt; 0); CLI default 1; ignored by the others.
   * @throws IllegalArgumentException on an unknown name (listing the valid ones), a wrong
   *         thetaLength or an invalid alpha.
   */
  public static Problem create(String name, LabeledData data, int thetaLength, double alpha) {
    return CATALOG.get(name).factory().create(data, thetaLength, alpha);
  }

  /** p·K, K the number of distinct labels. */
  private static int softmaxUnknowns(LabeledData data) {
    return data.cols() * SoftmaxLoss.classValues(data).length;
  }

  private static Problem softmax(LabeledData data, int m) {
    SoftmaxLoss loss = SoftmaxLoss.mean(data);
    return RegularizedRisk.of("softmax", loss,
        new RegularizationWeights("softmax", data.cols(), loss.classes(), m));
  }

  private static Problem softmaxPrior(LabeledData data, int m, double alpha) {
    SoftmaxLoss loss = SoftmaxLoss.mean(data);
    return RegularizedRisk.of("softmax-prior", loss, PriorMean.of("softmax-prior", loss, m,
        alpha));
  }

  /** The labelled-data factory of a problem that reads its own data: refuses. */
  private static Problem ownData(LabeledData data, int thetaLength, double alpha) {
    throw new IllegalArgumentException("problem qp reads its own data (--data FILE.json or "
        + "generate:n=N,seed=S), not the labelled data set " + data.source());
  }

  /** λ &gt; 0, named "lambda" as weighted-logistic's constructor always did. */
  private static double positive(double lambda) {
    Checks.positive("lambda", lambda);
    return lambda;
  }
}
