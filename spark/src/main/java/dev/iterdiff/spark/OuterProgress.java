package dev.iterdiff.spark;

import dev.iterdiff.bilevel.OuterState;
import dev.iterdiff.bilevel.OuterStep;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The progress line of an outer loop (hyperopt, metalearn, distill): after every outer step,
 * steps done out of the budget, rate, ETA (for the budget; the loop may stop earlier on its
 * tolerances), the current outer loss and the hypergradient norm.
 */
public final class OuterProgress {

  private OuterProgress() {}

  /**
   * {@code afterStep} followed by the progress line on stderr.
   *
   * @param label         the job ("hyperopt").
   * @param first         the outer iteration the run starts from (0, or a resumed one).
   * @param maxIterations the outer budget.
   */
  public static Consumer<OuterState> after(Consumer<OuterState> afterStep, String label,
      int first, int maxIterations) {
    ProgressLine line = ProgressLine.stderr(label, "outer steps", maxIterations)
        .startingAt(first);
    return st -> {
      afterStep.accept(st);
      line.update(st.iteration, extra(st) + (st.done() ? ", stopped: " + st.stopReason()
          : ""), st.done());
      if (st.done()) {
        line.finish();
      }
    };
  }

  /** "loss 0.2605, |grad| 1.2e-03" of the state's last step. */
  public static String extra(OuterState st) {
    List<OuterStep> h = st.history();
    if (h.isEmpty()) {
      return "";
    }
    OuterStep s = h.get(h.size() - 1);
    return String.format(Locale.ROOT, "outer loss %.6g, |hypergradient| %.3g%s", s.value(),
        s.gradientNorm(), s.accepted() ? "" : " (step rejected)");
  }
}
