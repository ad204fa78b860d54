package dev.iterdiff.linalg;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * A benchmark, not a test (no assertions, not run by surefire): time of Cholesky (including
 * materialisation) vs CG at tol 1e-10 on ridge-like Hessians H = XᵀX/N + μI, X N×n Gaussian,
 * applied either as a dense matrix or as a Hessian-vector product v ↦ Xᵀ(Xv)/N + μv. Prints
 * the median of 5 timed runs after 2 warm-ups (results: BENCHMARKS.md). This is how
 * {@link LinearSolvers#DENSE_THRESHOLD_JAVA} was chosen. Run after {@code mvn package}:
 * <pre>
 * java --add-modules=jdk.incubator.vector -cp "core/target/classes:core/target/test-classes:$(cat target/classpath.txt)" \
 *     dev.iterdiff.linalg.DenseKrylovCrossover [n ...]
 * </pre>
 */
public final class DenseKrylovCrossover {

  private DenseKrylovCrossover() {}

  public static void main(String[] args) {
    int[] sizes = args.length == 0 ? new int[] {100, 250, 500, 1000}
        : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
    System.out.println("BLAS " + Blas.backend() + ", LAPACK " + Lapack.backend());
    System.out.println("   n  N/n      mu   op      cholesky ms    cg ms  cg it  chol/cg");
    for (int n : sizes) {
      for (int ratio : new int[] {2, 1}) {
        double mu = ratio == 2 ? 1e-2 : 1e-3; // κ ≈ 30 and κ ≈ 4e3
        run(n, ratio * n, mu);
      }
    }
  }

  private static void run(int n, int rows, double mu) {
    Random rnd = new Random(1);
    double[] x = TestMatrices.gaussian(rows, n, rnd);
    double[] h = new double[n * n];
    Blas.gramian(rows, n, 1.0 / rows, x, 0.0, h);
    for (int i = 0; i < n; i++) {
      h[i + i * n] += mu;
    }
    double[] tmp = new double[rows];
    LinearOperator hvp = (v, out) -> {
      Blas.gemv(false, rows, n, 1.0, x, v, 0.0, tmp);
      Blas.gemv(true, rows, n, 1.0 / rows, x, tmp, 0.0, out);
      Blas.axpy(mu, v, out);
    };
    double[] b = TestMatrices.gaussian(n, 1, rnd);
    double[] sol = new double[n];
    for (String opName : new String[] {"dense", "hvp"}) {
      LinearOperator op = opName.equals("dense") ? new DenseMatrixOperator(n, h) : hvp;
      Cholesky chol = new Cholesky(1e-10);
      ConjugateGradient cg = new ConjugateGradient(1e-10, 100 * n);
      double[] tChol = new double[5];
      double[] tCg = new double[5];
      int iterations = 0;
      for (int rep = -2; rep < 5; rep++) {
        long t0 = System.nanoTime();
        chol.solve(op, n, b, sol);
        long t1 = System.nanoTime();
        Arrays.fill(sol, 0.0);
        iterations = cg.solve(op, n, b, sol).iterations();
        long t2 = System.nanoTime();
        if (rep >= 0) {
          tChol[rep] = (t1 - t0) / 1e6;
          tCg[rep] = (t2 - t1) / 1e6;
        }
      }
      Arrays.sort(tChol);
      Arrays.sort(tCg);
      System.out.println(String.format(Locale.ROOT, "%4d  %3d  %6.0e   %-5s  %10.1f  %8.1f  %5d  %7.2f",
          n, rows / n, mu, opName, tChol[2], tCg[2], iterations, tChol[2] / tCg[2]));
    }
  }
}
