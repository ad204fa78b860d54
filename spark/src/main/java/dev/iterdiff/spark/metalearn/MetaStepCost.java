package dev.iterdiff.spark.metalearn;

import dev.iterdiff.data.TaskSampler;
import dev.iterdiff.diff.DiagnosticsOptions;
import dev.iterdiff.diff.EstimatorOptions;
import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.solver.Solution;
import dev.iterdiff.solver.Trajectory;
import dev.iterdiff.spec.EstimatorSpec;
import dev.iterdiff.spec.InnerKernel;
import dev.iterdiff.spec.SolverSpec;
import java.util.List;
import java.util.Locale;

/**
 * The cost of one meta-step (B tasks, in process) by implicit differentiation against
 * unrolled-reverse as the inner iteration count k grows — iMAML's claim (Rajeswaran et al.
 * 2019, §3.1): the implicit meta-gradient needs only x_k (memory independent of k, cost one CG
 * solve), while reverse-mode unrolling stores the k states (memory k·n). Memory is measured
 * twice: the heap the B tasks' solutions retain (used heap after a full GC with the solutions
 * held, minus before; {@code MemoryMXBean}) and the bytes the meta-step allocated
 * ({@code com.sun.management.ThreadMXBean}); beside them the states the trajectory holds × n ×
 * 8 bytes (the model). Time is the wall time of the solves plus the VJPs. Gradient descent with
 * step 1/L, exactly k iterations (no tolerance).
 *
 * <pre>java -cp … dev.iterdiff.spark.metalearn.MetaStepCost DATA [B] [k1,k2,…]</pre>
 */
public final class MetaStepCost {

  private MetaStepCost() {}

  /** Prints one Markdown table row per (estimator, k). */
  public static void main(String[] args) throws Exception {
    LabeledData data = MetalearnJob.read(args[0]);
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    String ks = args.length > 2 ? args[2] : "10,100,1000";
    TaskSampler.MetaSplit split = TaskSampler.split(data, 5, 1L);
    System.out.println("| estimator | k | states stored | model (MiB) | retained heap (MiB) "
        + "| allocated (MiB) | seconds / meta-step | max rel. diff to implicit |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    java.lang.management.MemoryMXBean heap =
        java.lang.management.ManagementFactory.getMemoryMXBean();
    for (String kk : ks.split(",")) {
      int k = Integer.parseInt(kk.trim());
      double[][] ref = null;
      for (String est : List.of("implicit", "unrolled-reverse")) {
        EstimatorSpec spec = new EstimatorSpec(List.of(est), EstimatorOptions.defaults()
            .withLinearSolver("cg", 1e-10).withDiagnostics(DiagnosticsOptions.none()));
        MetaTasks tasks = new MetaTasks(data, split.metaTrain(),
            new MetaTasks.TaskShape(5, 5, 15), 1.0, 1L, batch,
            new SolverSpec("gd", "", k, Double.NaN), spec);
        double[] theta = new double[tasks.thetaDim()];
        double[][] grads = new double[batch][];
        long stored = 0;
        java.util.List<Solution> held = new java.util.ArrayList<>();
        System.gc();
        long used0 = heap.getHeapMemoryUsage().getUsed();
        long alloc0 = threads.getCurrentThreadAllocatedBytes();
        long t0 = System.nanoTime();
        for (int b = 0; b < batch; b++) {
          TaskSampler.Task t = tasks.sample(b);
          InnerKernel kernel = tasks.kernel(t);
          Solution sol = kernel.solve(theta, theta);
          double[] u = new double[theta.length];
          new QueryLoss(t.query(), 5).gradientX(sol.x(), theta, u);
          grads[b] = kernel.estimators().get(0).vjp(sol, u).value();
          stored = Math.max(stored, storedStates(sol.trajectory()));
          held.add(sol);
        }
        double seconds = (System.nanoTime() - t0) * 1e-9;
        long allocated = threads.getCurrentThreadAllocatedBytes() - alloc0;
        System.gc();
        long retained = heap.getHeapMemoryUsage().getUsed() - used0;
        if (held.size() != batch) {
          throw new IllegalStateException("solutions not held");
        }
        double diff = 0;
        if (ref == null) {
          ref = grads;
        } else {
          for (int b = 0; b < batch; b++) {
            diff = Math.max(diff, relDiff(grads[b], ref[b]));
          }
        }
        System.out.printf(Locale.ROOT, "| %s | %d | %d | %.2f | %.2f | %.1f | %.3f | %s |%n", est,
            k, stored, stored * theta.length * 8.0 / (1 << 20), retained / (double) (1 << 20),
            allocated / (double) (1 << 20), seconds,
            est.equals("implicit") ? "—" : String.format(Locale.ROOT, "%.2e", diff));
      }
    }
  }

  private static long storedStates(Trajectory tr) {
    long n = 0;
    for (int i = 0; i <= tr.iterations(); i++) {
      if (tr.isStored(i)) {
        n++;
      }
    }
    return n;
  }

  private static double relDiff(double[] a, double[] b) {
    double num = 0;
    double den = 0;
    for (int j = 0; j < a.length; j++) {
      num += (a[j] - b[j]) * (a[j] - b[j]);
      den += b[j] * b[j];
    }
    return Math.sqrt(num / Math.max(den, 1e-300));
  }
}
