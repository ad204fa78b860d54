package dev.iterdiff.problem;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The reduced-KKT solves with K and Kᵀ against the matrix-free products K v and Kᵀv. */
class QpKktSystemTest {

  @Test
  void solvesWithKAndItsTransposeInvertTheProducts() {
    QuadraticProgram qp = new QuadraticProgram(QpGenerator.generate(12, 5),
        QuadraticProgram.Parameter.H);
    int dim = QpKktSystem.dim(qp);
    Random rng = new Random(2);
    double[] z = new double[dim];
    for (int i = 0; i < dim; i++) {
      z[i] = i >= qp.dim() + qp.equalities() ? 0.1 + rng.nextDouble() : rng.nextGaussian();
    }
    QpKktSystem kkt = new QpKktSystem(qp);
    kkt.factor(z, qp.defaultTheta(), QpKktSystem.workspace(qp));
    for (boolean transposed : new boolean[] {false, true}) {
      double[] r = new double[dim];
      for (int i = 0; i < dim; i++) {
        r[i] = rng.nextGaussian();
      }
      double[] x = new double[dim];
      double[] back = new double[dim];
      kkt.solve(r, x, transposed);
      QpKktSystem.apply(qp, z, qp.defaultTheta(), x, back, transposed);
      double err = 0;
      double norm = 0;
      for (int i = 0; i < dim; i++) {
        err += (back[i] - r[i]) * (back[i] - r[i]);
        norm += r[i] * r[i];
      }
      assertTrue(Math.sqrt(err / norm) < 1e-10, "transposed=" + transposed + ": relative "
          + "residual " + Math.sqrt(err / norm));
    }
  }
}
