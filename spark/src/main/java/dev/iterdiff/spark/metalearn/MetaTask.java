package dev.iterdiff.spark.metalearn;

import dev.iterdiff.bilevel.FoldHypergradient;
import dev.iterdiff.bilevel.FoldResult;
import dev.iterdiff.bilevel.InnerTask;

/**
 * One meta-learning task as an {@link InnerTask}: the prior mean P = P(θ) of its
 * {@link MetaPrior} (θ itself, or m ⊙ the task's centred support class means), the inner solve
 * and hypergradient of the query loss in P ({@link FoldHypergradient} on softmax-prior), and
 * the chain rule back to θ. A null warm start solves from P (meta-batches drawn afresh every
 * outer step have no previous solution). Holds workspaces: one instance per thread.
 */
public final class MetaTask implements InnerTask {

  private final FoldHypergradient inner;
  private final MetaPrior prior;
  private final double[] basis;
  private final int thetaDim;

  /**
   * @param inner    the task's hypergradient in P (global θ of dimension p·N).
   * @param prior    how θ gives P.
   * @param basis    the task's {@link MetaPrior#basis}, null for {@link MetaPrior#MEAN}.
   * @param thetaDim dim θ.
   */
  public MetaTask(FoldHypergradient inner, MetaPrior prior, double[] basis, int thetaDim) {
    this.inner = inner;
    this.prior = prior;
    this.basis = basis;
    this.thetaDim = thetaDim;
  }

  @Override
  public int index() {
    return inner.index();
  }

  @Override
  public int dim() {
    return inner.dim();
  }

  /** P(θ) of this task. */
  public double[] priorMean(double[] theta) {
    dev.iterdiff.map.Checks.length("theta", theta, thetaDim);
    return prior.priorMean(theta, basis);
  }

  /**
   * @param warmStart x to start from, or null for P(θ).
   */
  @Override
  public FoldResult evaluate(double[] theta, double[] warmStart, double tolerance) {
    dev.iterdiff.map.Checks.length("theta", theta, thetaDim);
    double[] p = prior.thetaIsParameter() ? theta : prior.priorMean(theta, basis);
    FoldResult r = inner.evaluate(p, warmStart != null ? warmStart
        : prior.start(theta, basis, inner.dim()), tolerance);
    return new FoldResult(r.fold(), r.value(), prior.pullBack(r.gradient(), basis, thetaDim),
        r.misclassification(), r.validationSamples(), r.innerIterations(), r.innerResidual(),
        r.converged(), r.x(), r.seconds());
  }
}
