package dev.iterdiff.spark.sweep;

import dev.iterdiff.problem.Problem;
import dev.iterdiff.problem.ProblemEntry;
import dev.iterdiff.problem.QuadraticProgram;
import dev.iterdiff.spark.config.SweepConfig;

/**
 * The problem of an instance that carries its own data ({@link SweepInstance#source()}): a
 * {@code qp} given as one JSON object (a line of a JSON-lines instance file) or as a generator
 * spec {@code generate:n=N,seed=S[,theta=P]}, read through the problem's catalog entry
 * ({@link ProblemEntry#source()}) on the executor that runs it. θ is the instance's own when
 * it has one, else the data's value of the part θ replaces (a QP's {@code theta} field).
 *
 * @param problem  the problem, validated (a QP: dimensions, finite entries, Q PSD, A of full
 *                 row rank — errors name the origin and the field).
 * @param instance the instance with its θ filled in.
 */
record OwnData(Problem problem, SweepInstance instance) {

  /**
   * @throws IllegalArgumentException naming the instance's origin and the field at fault.
   */
  static OwnData read(SweepConfig config, SweepInstance s) {
    ProblemEntry.SourceFactory factory = config.problem().entry().source();
    if (factory == null) {
      throw new IllegalArgumentException(s.origin() + ": problem " + config.problem().name()
          + " reads labelled data sets, not its own data");
    }
    String text = s.source().trim();
    Problem p = text.startsWith("{") ? factory.parse(text, s.origin())
        : factory.create(text, config.problem().alpha());
    double[] theta = s.theta();
    if (theta == null) {
      if (!(p instanceof QuadraticProgram qp)) {
        throw new IllegalArgumentException(s.origin() + ": no theta for problem "
            + config.problem().name());
      }
      theta = qp.defaultTheta();
    }
    try {
      p.checkTheta(theta);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(s.origin() + ": " + e.getMessage(), e);
    }
    return new OwnData(p, new SweepInstance(s.id(), s.data(), theta, s.cost(), s.origin(),
        s.source(), null, s.iterations()));
  }
}
