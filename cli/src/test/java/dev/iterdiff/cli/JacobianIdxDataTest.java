package dev.iterdiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** {@code iterdiff jacobian --data} on IDX images: the committed Fashion-MNIST test subset. */
class JacobianIdxDataTest {

  static final String IMAGES = "data-samples/fashion-mnist/t10k-images-idx3-ubyte.gz";

  @Test
  void softmaxOnTheFashionSubsetConverges() throws Exception {
    CommandRun r = CommandRun.of("jacobian", "--problem", "softmax", "--data", IMAGES,
        "--theta", "1", "--solver", "heavy-ball", "--iterations", "500", "--tol", "1e-6",
        "--estimator", "implicit", "--linear-solver", "cg", "--format", "json");
    assertEquals(0, r.status(), r.err());
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertTrue(r.out().contains("\"converged\" : true") || r.out().contains("\"converged\":true"),
        r.out().substring(0, Math.min(600, r.out().length())));
    assertTrue(json.toString().contains("7840"), "dim x = 784 x 10 classes");
  }

  @Test
  void aMissingLabelsFileIsNamed() {
    CommandRun r = CommandRun.of("jacobian", "--problem", "softmax", "--data",
        "target/none-images-idx3-ubyte.gz", "--theta", "1", "--solver", "gd", "--estimator",
        "implicit");
    assertEquals(2, r.status());
    assertTrue(r.err().contains("--data 'target/none-images-idx3-ubyte.gz': no such file"),
        r.err());
  }
}
