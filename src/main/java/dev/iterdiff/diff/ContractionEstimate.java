package dev.iterdiff.diff;

import dev.iterdiff.linalg.Blas;
import dev.iterdiff.map.Checks;
import dev.iterdiff.map.DifferentiableMap;
import java.util.Random;

/**
 * An estimate of ρ = ‖J_sF(s, θ)‖₂, the contraction factor of an iteration map at a point,
 * by power iteration on J_sFᵀJ_sF: v ← J_sFᵀ(J_sF v)/‖·‖, one JVP and one VJP per
 * iteration, from a Gaussian start drawn with a fixed seed; ρ̂ = ‖J_sF v‖ for the last unit
 * vector v.
 *
 * <p>It is the operator norm (not the spectral radius) because that is what the one-step
 * bound ‖J_OS − J*‖_F ≤ ρ/(1−ρ)·‖J_θF‖_F of Bolte, Pauwels &amp; Vaiter (2023) needs: at the
 * fixed point J_OS − J* = −J_sF·J* and ‖J*‖_F ≤ ‖J_θF‖_F/(1−‖J_sF‖₂). For symmetric J_sF
 * (gradient descent, Newton) both coincide; for heavy ball the norm can exceed 1 while the
 * spectral radius is below 1, and the bound is then reported as NaN.
 *
 * <p>Accuracy: ρ̂ ≤ ρ always (it is ‖J v‖ for a unit v), and, with σ₁ &gt; σ₂ the two largest
 * singular values and θ₀ the angle between the start and the top right singular vector,
 * ρ² − ρ̂² ≤ (σ₁² − σ_min²)·tan²θ₀·(σ₂/σ₁)^{4i} after i iterations. With i = 30 this is
 * below 1e-12·ρ² when σ₂/σ₁ ≤ 0.8; for clustered top singular values (gap g = 1 − σ₂/σ₁) the
 * error is at most about ρ·g, since ρ̂ is then a weighted mean of σ's within the cluster.
 *
 * @param rho        ρ̂, the estimate of ‖J_sF‖₂.
 * @param iterations power iterations done.
 * @param lastChange |ρ̂_i − ρ̂_{i−1}| / ρ̂_i at the last iteration (0 when ρ̂ = 0).
 */
public record ContractionEstimate(double rho, int iterations, double lastChange) {

  /**
   * Runs the power iteration.
   *
   * @param map        iteration map F (outDim = xDim). Not modified.
   * @param state      s, length xDim. Not modified.
   * @param theta      θ, length thetaDim. Not modified.
   * @param iterations number of power iterations (≥ 1).
   * @param seed       seed of the Gaussian start vector.
   * @throws IllegalArgumentException on wrong lengths, a map that is not square, or
   *         iterations &lt; 1.
   */
  public static ContractionEstimate of(DifferentiableMap map, double[] state, double[] theta,
      int iterations, long seed) {
    Checks.sameDim("iteration map: outDim vs xDim", map.outDim(), map.xDim());
    Checks.length("state", state, map.xDim());
    Checks.length("theta", theta, map.thetaDim());
    Checks.positive("power iterations", iterations);
    int s = map.xDim();
    double[] v = new double[s];
    double[] jv = new double[s];
    Random random = new Random(seed);
    for (int i = 0; i < s; i++) {
      v[i] = random.nextGaussian();
    }
    Blas.scal(1.0 / Blas.nrm2(v), v);
    double rho = 0;
    double change = 0;
    for (int it = 0; it < iterations; it++) {
      map.jvpX(state, theta, v, jv);
      double next = Blas.nrm2(jv);
      change = next > 0 ? Math.abs(next - rho) / next : 0;
      rho = next;
      if (next == 0) {
        return new ContractionEstimate(0, it + 1, 0);
      }
      if (it == iterations - 1) {
        break;
      }
      map.vjpX(state, theta, jv, v);
      double norm = Blas.nrm2(v);
      if (norm == 0) {
        return new ContractionEstimate(rho, it + 1, change);
      }
      Blas.scal(1.0 / norm, v);
    }
    return new ContractionEstimate(rho, iterations, change);
  }
}
