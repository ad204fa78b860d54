package dev.iterdiff.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Parses option values that picocli's converters cannot check the way the contract wants:
 * comma-separated number lists (θ) and name lists (estimators). Every error is
 * a {@link BadInputException} naming the option and the value.
 */
final class OptionValues {

  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  private static final Pattern NON_FINITE =
      Pattern.compile("[+-]?(nan|inf|infinity)", Pattern.CASE_INSENSITIVE);
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*(\\([^)]*\\))?");

  private OptionValues() {}

  /**
   * "V1,V2,..." → finite doubles.
   *
   * @throws BadInputException e.g. "--theta '1,x': 'x' is not a number",
   *         "--theta '1,NaN': value 2 is NaN (must be finite)".
   */
  static double[] numbers(String option, String text) {
    String[] parts = text.split(",", -1);
    double[] v = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i].strip();
      String where = option + " '" + text + "': ";
      if (p.isEmpty()) {
        throw new BadInputException(where + "value " + (i + 1) + " is empty");
      }
      if (NON_FINITE.matcher(p).matches()) {
        throw new BadInputException(where + "value " + (i + 1) + " is " + p
            + " (must be finite)");
      }
      if (!DECIMAL.matcher(p).matches()) {
        throw new BadInputException(where + "'" + p + "' is not a number");
      }
      v[i] = Double.parseDouble(p);
      if (!Double.isFinite(v[i])) {
        throw new BadInputException(where + "'" + p + "' overflows a double");
      }
    }
    return v;
  }

  /**
   * A finite number given to a numeric option (picocli converts; this rejects NaN/Inf).
   *
   * @throws BadInputException "--alpha NaN: must be finite".
   */
  static double finite(String option, double value) {
    if (!Double.isFinite(value)) {
      throw new BadInputException(option + " " + value + ": must be finite");
    }
    return value;
  }

  /**
   * "a,b(3),c" → distinct names, in order (a name may carry a parenthesized argument, e.g.
   * {@code truncated(10)}; commas inside parentheses do not split).
   *
   * @throws BadInputException on an empty or malformed name or a repeated one.
   */
  static List<String> names(String option, String text) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      char c = i < text.length() ? text.charAt(i) : ',';
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(text.substring(start, i).strip());
        start = i + 1;
      }
    }
    if (depth != 0) {
      throw new BadInputException(option + " '" + text + "': unbalanced parentheses in '"
          + text.substring(start).strip() + "'");
    }
    LinkedHashSet<String> names = new LinkedHashSet<>();
    for (String p : parts) {
      if (!NAME.matcher(p).matches()) {
        throw new BadInputException(option + " '" + text + "': '" + p + "' is not a name");
      }
      if (!names.add(p)) {
        throw new BadInputException(option + " '" + text + "': '" + p + "' is repeated");
      }
    }
    return List.copyOf(names);
  }
}
