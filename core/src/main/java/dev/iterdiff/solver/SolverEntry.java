package dev.iterdiff.solver;

import dev.iterdiff.catalog.CatalogEntry;
import dev.iterdiff.problem.CompositeProblem;
import dev.iterdiff.problem.Problem;
import dev.iterdiff.problem.QuadraticProgram;
import java.util.List;

/**
 * A solver as registered in {@link Solvers#CATALOG}: its name, its capabilities, how its
 * step spec is checked and its factory. A solver class may hold its entry as a constant
 * ({@code Nesterov.ENTRY}), so that registering it is one line.
 *
 * @param name         the name the CLI and the configs use.
 * @param aliases      other accepted spellings.
 * @param description  one line for help texts, including the step specs it takes.
 * @param capabilities what consumers may rely on before an instance exists.
 * @param stepCheck    validates a step spec without a problem (driver-side config checks).
 * @param factory      builds an instance on a problem (own workspaces: one per thread).
 * @param problemCheck which problems it solves beyond the capabilities (mirror descent: f + a
 *                     simplex constraint only); null for every problem the capabilities allow.
 */
public record SolverEntry(String name, List<String> aliases, String description,
    Capabilities capabilities, StepCheck stepCheck, Factory factory, ProblemCheck problemCheck)
    implements CatalogEntry {

  /** Which problems a solver takes, beyond its {@link Capabilities}. */
  @FunctionalInterface
  public interface ProblemCheck {

    /** Why the solver cannot solve {@code problem} (one line naming it), or null. */
    String misfit(Problem problem);
  }

  /** An entry for every problem its capabilities allow. */
  public SolverEntry(String name, List<String> aliases, String description,
      Capabilities capabilities, StepCheck stepCheck, Factory factory) {
    this(name, aliases, description, capabilities, stepCheck, factory, null);
  }

  /** Builds a solver for a problem and a step spec. */
  @FunctionalInterface
  public interface Factory {

    /**
     * @param problem  the objective.
     * @param stepSpec the step spec as the CLI spells it (trimmed), or null for the default.
     * @throws IllegalArgumentException on a step spec the solver does not take, naming it.
     */
    IterativeSolver create(Problem problem, String stepSpec);
  }

  /** Validates a step spec. */
  @FunctionalInterface
  public interface StepCheck {

    /**
     * @param stepSpec a non-blank, trimmed step spec.
     * @throws IllegalArgumentException naming the spec and what the solver takes.
     */
    void check(String stepSpec);
  }

  /**
   * What a solver needs and offers.
   *
   * @param stepSpecs        the step specs it accepts, as help texts list them: literal specs
   *                         ({@code 1/L}, {@code 2/(mu+L)}) and placeholders in angle
   *                         brackets ({@code <number>}); every literal one must be accepted
   *                         (the contract test tries them). The default (no spec) is in the
   *                         description.
   * @param thirdDerivatives whether its exact J_θF needs the problem's third-derivative
   *                         products (Newton's {@code hessianDerivX}, …).
   * @param stateIsX         whether its state is x alone (stateDim = n), else x followed by
   *                         more (heavy ball, Nesterov: (x, x_prev)).
   * @param superlinear      whether J_sF vanishes at the solution with the default step
   *                         (Newton with full steps), so that one-step differentiation is
   *                         exact there (Bolte, Pauwels &amp; Vaiter 2023, Section 4).
   * @param nonsmooth        whether it handles the nonsmooth part g of a
   *                         {@link CompositeProblem} (through g's prox or projection);
   *                         a solver without it refuses such a problem when it is built.
   * @param constraints      whether it handles the constraints of a {@link QuadraticProgram}
   *                         (interior-point, on a primal-dual state); a solver without it
   *                         refuses such a problem when it is built.
   */
  public record Capabilities(List<String> stepSpecs, boolean thirdDerivatives,
      boolean stateIsX, boolean superlinear, boolean nonsmooth, boolean constraints) {

    /** A solver without constraint handling. */
    public Capabilities(List<String> stepSpecs, boolean thirdDerivatives, boolean stateIsX,
        boolean superlinear, boolean nonsmooth) {
      this(stepSpecs, thirdDerivatives, stateIsX, superlinear, nonsmooth, false);
    }

    /** A solver of smooth problems only. */
    public Capabilities(List<String> stepSpecs, boolean thirdDerivatives, boolean stateIsX,
        boolean superlinear) {
      this(stepSpecs, thirdDerivatives, stateIsX, superlinear, false, false);
    }

    /** @throws IllegalArgumentException on an empty list of step specs. */
    public Capabilities {
      if (stepSpecs == null || stepSpecs.isEmpty()) {
        throw new IllegalArgumentException("solver capabilities: list at least one step spec");
      }
      stepSpecs = List.copyOf(stepSpecs);
    }
  }

  /** @throws IllegalArgumentException on a null name, capabilities, step check or factory. */
  public SolverEntry {
    if (name == null || capabilities == null || stepCheck == null || factory == null) {
      throw new IllegalArgumentException("solver entry: name, capabilities, step check and "
          + "factory must be non-null");
    }
    aliases = aliases == null ? List.of() : List.copyOf(aliases);
    problemCheck = problemCheck == null ? problem -> null : problemCheck;
  }

  /**
   * Why this solver cannot solve a problem, by its capabilities (a nonsmooth part it ignores)
   * and its {@link #problemCheck}, or null when it can.
   */
  public String misfit(Problem problem) {
    if (problem == null) {
      return "solver " + name + ": problem is null";
    }
    if (problem instanceof CompositeProblem c && !capabilities.nonsmooth()) {
      return "solver " + name + " cannot solve " + problem.name()
          + ": it has a nonsmooth part (" + c.nonsmooth().name() + ") that " + name
          + " ignores; use a solver that takes a prox or projection";
    }
    if (problem instanceof QuadraticProgram qp && !capabilities.constraints()) {
      return "solver " + name + " cannot solve " + problem.name() + ": it has constraints ("
          + qp.equalities() + " equalities, " + qp.inequalities() + " inequalities) that "
          + name + " ignores; use interior-point";
    }
    if (capabilities.constraints() && !(problem instanceof QuadraticProgram)) {
      return "solver " + name + " solves quadratic programs only (problem qp); "
          + problem.name() + " is not one";
    }
    return problemCheck.misfit(problem);
  }

  /**
   * Checks a step spec as {@link #create} would take it, without a problem: null or blank
   * means the default and passes.
   *
   * @throws IllegalArgumentException naming the spec and the accepted ones.
   */
  public void checkStep(String stepSpec) {
    if (stepSpec != null && !stepSpec.isBlank()) {
      stepCheck.check(stepSpec.trim());
    }
  }

  /**
   * A new instance on a problem.
   *
   * @param stepSpec the step spec, or null / blank for the default.
   * @throws IllegalArgumentException on a null problem, a problem with a nonsmooth part this
   *         solver cannot handle or that its {@link #problemCheck} refuses ({@link #misfit}),
   *         or a step spec the solver does not take.
   */
  public IterativeSolver create(Problem problem, String stepSpec) {
    String misfit = misfit(problem);
    if (misfit != null) {
      throw new IllegalArgumentException(misfit);
    }
    return factory.create(problem, stepSpec == null || stepSpec.isBlank() ? null
        : stepSpec.trim());
  }
}
