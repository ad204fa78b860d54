package dev.iterdiff.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The QP JSON contract: a valid file, and every kind of bad input named by its field. */
class QpJsonTest {

  static final String OK = "{\"Q\": [[2, 0], [0, 1]], \"q\": [1, -1], \"A\": [[1, 1]], "
      + "\"b\": [1], \"G\": [[-1, 0], [0, -1]], \"h\": [0, 0], \"theta\": \"h\"}";

  @Test
  void readsAValidQp() {
    QuadraticProgram qp = QpJson.parse(OK, "ok.json");
    assertEquals(2, qp.dim());
    assertEquals(1, qp.equalities());
    assertEquals(2, qp.inequalities());
    assertEquals(QuadraticProgram.Parameter.H, qp.parameter());
    assertEquals(-1.0, qp.data().g()[0]);
    assertEquals(-1.0, qp.data().g()[3]);
  }

  private static String error(String json) {
    return assertThrows(IllegalArgumentException.class, () -> QpJson.parse(json, "f.json"))
        .getMessage();
  }

  @Test
  void badInputsAreNamedByField() {
    String m = error(OK.replace("[[1, 1]]", "[[1, 1, 0]]"));
    assertTrue(m.contains("row 0 of field A has 3 entries, expected n = 2"), m);
    m = error(OK.replace("\"b\": [1]", "\"b\": [1, 2]"));
    assertTrue(m.contains("field A has 1 rows, expected 2"), m);
    m = error(OK.replace("[[2, 0], [0, 1]]", "[[2, 0], [0, NaN]]"));
    assertTrue(m.contains("f.json: Q[1][1] is NaN"), m);
    m = error(OK.replace("\"h\": [0, 0]", "\"h\": [0, Infinity]"));
    assertTrue(m.contains("h[1] is Infinity"), m);
    m = error(OK.replace("[[2, 0], [0, 1]]", "[[2, 0], [0, -1]]"));
    assertTrue(m.contains("Q is not positive semidefinite: its smallest eigenvalue is -1"), m);
    m = error(OK.replace("\"A\": [[1, 1]], \"b\": [1]", "\"A\": [[1, 1], [2, 2]], \"b\": [1, 2]"));
    assertTrue(m.contains("A (2 x 2) does not have full row rank"), m);
    m = error(OK.replace("\"theta\": \"h\"", "\"theta\": \"x\""));
    assertTrue(m.contains("'x' is not one of q, b, h, Q-scale"), m);
    m = error(OK.replace("\"q\"", "\"qq\""));
    assertTrue(m.contains("unknown field 'qq'"), m);
    m = error("{\"Q\": [[1]]");
    assertTrue(m.contains("malformed JSON"), m);
  }
}
