package dev.iterdiff.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class OptionValuesTest {

  private static String error(Runnable r) {
    return assertThrows(BadInputException.class, r::run).getMessage();
  }

  @Test
  void numbersParseCommaSeparatedFiniteDecimals() {
    assertArrayEquals(new double[] {0.1, -2, 3e-4}, OptionValues.numbers("--theta", "0.1, -2,3e-4"));
    assertEquals("--theta '1,x': 'x' is not a number",
        error(() -> OptionValues.numbers("--theta", "1,x")));
    assertEquals("--theta '1,NaN': value 2 is NaN (must be finite)",
        error(() -> OptionValues.numbers("--theta", "1,NaN")));
    assertEquals("--theta '-Infinity': value 1 is -Infinity (must be finite)",
        error(() -> OptionValues.numbers("--theta", "-Infinity")));
    assertEquals("--theta '1,,2': value 2 is empty",
        error(() -> OptionValues.numbers("--theta", "1,,2")));
    assertEquals("--theta '1e400': '1e400' overflows a double",
        error(() -> OptionValues.numbers("--theta", "1e400")));
    assertEquals("--theta '0x10': '0x10' is not a number",
        error(() -> OptionValues.numbers("--theta", "0x10")));
  }

  @Test
  void namesSplitOnTopLevelCommas() {
    assertEquals(List.of("implicit", "truncated(10)", "one-step"),
        OptionValues.names("--estimator", "implicit, truncated(10),one-step"));
    assertEquals("--estimator 'implicit,,x': '' is not a name",
        error(() -> OptionValues.names("--estimator", "implicit,,x")));
    assertEquals("--estimator 'implicit,implicit': 'implicit' is repeated",
        error(() -> OptionValues.names("--estimator", "implicit,implicit")));
    assertEquals("--estimator 'Implicit!': 'Implicit!' is not a name",
        error(() -> OptionValues.names("--estimator", "Implicit!")));
  }

  @Test
  void finiteRejectsNaN() {
    assertEquals(2.0, OptionValues.finite("--alpha", 2.0));
    assertEquals("--alpha NaN: must be finite",
        error(() -> OptionValues.finite("--alpha", Double.NaN)));
  }
}
