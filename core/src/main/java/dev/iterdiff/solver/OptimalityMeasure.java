package dev.iterdiff.solver;

/**
 * The optimality measure a solver reports and its solve tests against the tolerance: a name
 * as outputs spell it and the formula, for help texts and reports. Each solver declares its
 * own ({@link IterativeSolver#optimalityMeasure}) and computes its value
 * ({@link IterativeSolver#residual}); it is 0 exactly at a solution of the problem the solver
 * targets.
 *
 * <ul>
 *   <li>{@link #GRADIENT_NORM}: ‖∇ₓf(x; θ)‖₂, for smooth unconstrained problems (gradient
 *       descent, heavy ball, Nesterov, Newton).</li>
 *   <li>Later solvers add theirs: the norm of the prox-gradient mapping
 *       ‖x − prox_{tg}(x − t∇f(x))‖/t (proximal gradient, FISTA; Beck &amp; Teboulle 2009),
 *       the projected-gradient mapping, the KKT residual (interior point).</li>
 * </ul>
 *
 * @param name       the name as reports spell it, e.g. {@code gradient-norm}; non-blank.
 * @param definition the formula, one line, e.g. {@code ||grad_x f(x, theta)||_2}; non-blank.
 */
public record OptimalityMeasure(String name, String definition) {

  /** ‖∇ₓf(x; θ)‖₂ at the x part of the state. */
  public static final OptimalityMeasure GRADIENT_NORM =
      new OptimalityMeasure("gradient-norm", "||grad_x f(x, theta)||_2");

  /** @throws IllegalArgumentException on a blank name or definition. */
  public OptimalityMeasure {
    if (name == null || name.isBlank() || definition == null || definition.isBlank()) {
      throw new IllegalArgumentException("optimality measure: name and definition must be "
          + "non-blank, got '" + name + "' and '" + definition + "'");
    }
  }
}
