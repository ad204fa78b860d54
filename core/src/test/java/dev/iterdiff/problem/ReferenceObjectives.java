package dev.iterdiff.problem;

import dev.iterdiff.check.FieldObjective;
import org.hipparchus.CalculusFieldElement;

/**
 * The three problems' objectives written generically, straight from the formulas, so
 * that {@link dev.iterdiff.check.AdProblem} gives an independent AD reference for every
 * hand-written derivative. Deliberately naive (no shared code with the hand-written classes).
 * Public so that tests in other packages (solvers, estimators) can build AD references too.
 */
public final class ReferenceObjectives {

  private ReferenceObjectives() {}

  /** θⱼ with the single-value broadcast. */
  private static <T extends CalculusFieldElement<T>> T theta(T[] theta, int j) {
    return theta.length == 1 ? theta[0] : theta[j];
  }

  /** 1/(2N)·‖Ax − b‖² + ½·Σⱼ θⱼ xⱼ². */
  public static FieldObjective ridge(LabeledData data, int thetaLength) {
    return new FieldObjective() {
      public String name() {
        return "ridge(AD)";
      }

      public int dim() {
        return data.cols();
      }

      public int thetaDim() {
        return thetaLength;
      }

      public <T extends CalculusFieldElement<T>> T value(T[] x, T[] th) {
        T zero = x[0].getField().getZero();
        T loss = zero;
        for (int i = 0; i < data.rows(); i++) {
          T r = zero.subtract(data.labels()[i]);
          for (int j = 0; j < data.cols(); j++) {
            r = r.add(x[j].multiply(data.get(i, j)));
          }
          loss = loss.add(r.multiply(r));
        }
        T pen = zero;
        for (int j = 0; j < data.cols(); j++) {
          pen = pen.add(theta(th, j).multiply(x[j]).multiply(x[j]));
        }
        return loss.divide(2.0 * data.rows()).add(pen.multiply(0.5));
      }
    };
  }

  /** 1/N·Σᵢ log(1 + exp(−yᵢ aᵢᵀx)) + ½·Σⱼ θⱼ xⱼ², yᵢ = ±1 by the sign of the label. */
  public static FieldObjective logistic(LabeledData data, int thetaLength) {
    return new FieldObjective() {
      public String name() {
        return "logistic(AD)";
      }

      public int dim() {
        return data.cols();
      }

      public int thetaDim() {
        return thetaLength;
      }

      public <T extends CalculusFieldElement<T>> T value(T[] x, T[] th) {
        T zero = x[0].getField().getZero();
        T loss = zero;
        for (int i = 0; i < data.rows(); i++) {
          double y = data.labels()[i] > 0 ? 1.0 : -1.0;
          T z = zero;
          for (int j = 0; j < data.cols(); j++) {
            z = z.add(x[j].multiply(data.get(i, j)));
          }
          loss = loss.add(z.multiply(-y).exp().log1p());
        }
        T pen = zero;
        for (int j = 0; j < data.cols(); j++) {
          pen = pen.add(theta(th, j).multiply(x[j]).multiply(x[j]));
        }
        return loss.divide(data.rows()).add(pen.multiply(0.5));
      }
    };
  }

  /** ½·Σᵢ θᵢ (aᵢᵀx − bᵢ)² + α/2·‖x‖². */
  public static FieldObjective weightedRidge(LabeledData data, int thetaLength, double alpha) {
    return new FieldObjective() {
      public String name() {
        return "weighted-ridge(AD)";
      }

      public int dim() {
        return data.cols();
      }

      public int thetaDim() {
        return thetaLength;
      }

      public <T extends CalculusFieldElement<T>> T value(T[] x, T[] th) {
        T zero = x[0].getField().getZero();
        T loss = zero;
        for (int i = 0; i < data.rows(); i++) {
          T r = zero.subtract(data.labels()[i]);
          for (int j = 0; j < data.cols(); j++) {
            r = r.add(x[j].multiply(data.get(i, j)));
          }
          loss = loss.add(theta(th, i).multiply(r).multiply(r));
        }
        T sq = zero;
        for (int j = 0; j < data.cols(); j++) {
          sq = sq.add(x[j].multiply(x[j]));
        }
        return loss.multiply(0.5).add(sq.multiply(0.5 * alpha));
      }
    };
  }
}
