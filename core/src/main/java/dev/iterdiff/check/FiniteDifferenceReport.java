package dev.iterdiff.check;

import java.util.List;

/**
 * The outcome of a {@link FiniteDifferences} check: one {@link ProductError} per product.
 *
 * @param errors one entry per compared product, in the order checked.
 */
public record FiniteDifferenceReport(List<ProductError> errors) {

  public FiniteDifferenceReport {
    errors = List.copyOf(errors);
  }

  /** The largest absolute error over all products (NaN if any is NaN). */
  public double maxAbsError() {
    double m = 0;
    for (ProductError e : errors) {
      m = Double.isNaN(e.maxAbsError()) ? Double.NaN : Math.max(m, e.maxAbsError());
    }
    return m;
  }

  /** The largest relative error over all products (NaN if any is NaN). */
  public double maxRelError() {
    double m = 0;
    for (ProductError e : errors) {
      m = Double.isNaN(e.maxRelError()) ? Double.NaN : Math.max(m, e.maxRelError());
    }
    return m;
  }

  /** True when every product is {@link ProductError#within within} the tolerances. */
  public boolean passes(double relTol, double absTol) {
    return errors.stream().allMatch(e -> e.within(relTol, absTol));
  }

  /** The products that fail the tolerances. */
  public List<ProductError> failures(double relTol, double absTol) {
    return errors.stream().filter(e -> !e.within(relTol, absTol)).toList();
  }

  /** The entry for one product. @throws IllegalArgumentException if it was not checked. */
  public ProductError get(String product) {
    return errors.stream().filter(e -> e.product().equals(product)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no product '" + product
            + "' in this report; checked: " + errors.stream().map(ProductError::product).toList()));
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (ProductError e : errors) {
      sb.append(e).append('\n');
    }
    return sb.toString();
  }
}
