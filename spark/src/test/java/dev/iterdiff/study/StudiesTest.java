package dev.iterdiff.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each study on small sizes: it writes its CSV, PNG and SVG; the CSV has the expected columns
 * and finite numbers; and one fact its figure shows holds in the numbers. The papers' claims
 * themselves are tested in the core (CurseOfUnrollingTest, PaperClaimsTest).
 */
class StudiesTest {

  @TempDir
  Path dir;

  /** The rows of a study's CSV whose first column is {@code method}, numbers parsed. */
  static List<double[]> rows(Path csv, String method) throws IOException {
    List<double[]> out = new ArrayList<>();
    for (String line : Files.readAllLines(csv).subList(1, Files.readAllLines(csv).size())) {
      String[] f = line.split(",");
      if (f[0].equals(method)) {
        double[] v = new double[f.length - 1];
        for (int i = 1; i < f.length; i++) {
          v[i - 1] = Double.parseDouble(f[i]);
          assertTrue(Double.isFinite(v[i - 1]), "non-finite value in " + line);
        }
        out.add(v);
      }
    }
    assertTrue(!out.isEmpty(), "no rows for " + method + " in " + csv);
    return out;
  }

  private StudyResult run(String name) throws IOException {
    StudyResult r = Studies.byName(name).run(new StudyOptions(dir, false, 4, 1));
    for (String ext : new String[] {".csv", ".png", ".svg"}) {
      Path p = dir.resolve(name + ext);
      assertTrue(r.files().contains(p) && Files.size(p) > 1000, p + " written");
    }
    assertTrue(Files.readString(dir.resolve(name + ".svg")).contains("<svg"), "an SVG");
    return r;
  }

  @Test
  void curseOfUnrollingShowsTheBurnInAndTheAcceleratedRate() throws IOException {
    // GIVEN the study at a quarter of its iterations (κ = 100, k = 250)
    run(CurseOfUnrollingStudy.NAME);
    Path csv = dir.resolve(CurseOfUnrollingStudy.NAME + ".csv");
    assertEquals("method,k,iterate_error,jacobian_error", Files.readAllLines(csv).get(0));
    // THEN gd with 1/L never increases its Jacobian error; with 2/(μ+L) it first grows
    List<double[]> small = rows(csv, "gd 1/L");
    for (int i = 1; i < small.size(); i++) {
      assertTrue(small.get(i)[2] <= small.get(i - 1)[2] * (1 + 1e-12), "1/L at k = " + i);
    }
    double peak = rows(csv, "gd 2/(mu+L)").stream().mapToDouble(r -> r[2]).max().getAsDouble();
    assertTrue(peak > 2 * rows(csv, "gd 2/(mu+L)").get(0)[2], "burn-in peak " + peak);
    // AND the faster method for the iterates is not the faster one for the Jacobian (Scieur et
    // al. 2022): where 2/(μ+L)'s Jacobian error peaks its iterates are closer than 1/L's and
    // its Jacobian farther
    double[] atPeak = rows(csv, "gd 2/(mu+L)").stream()
        .max(java.util.Comparator.comparingDouble(r -> r[2])).orElseThrow();
    double[] same = small.stream().filter(r -> r[0] == atPeak[0]).findFirst().orElseThrow();
    assertTrue(atPeak[1] < same[1], "iterates at k = " + atPeak[0] + ": " + atPeak[1]
        + " (2/(mu+L)) vs " + same[1] + " (1/L)");
    assertTrue(atPeak[2] > same[2], "Jacobians at k = " + atPeak[0] + ": " + atPeak[2]
        + " (2/(mu+L)) vs " + same[2] + " (1/L)");
    // AND Chebyshev's Jacobian error falls at (√κ−1)/(√κ+1) once past its burn-in
    List<double[]> cheb = rows(csv, "chebyshev");
    List<double[]> window = cheb.stream().filter(r -> r[0] >= 60 && r[2] > 1e-11).toList();
    double[] k = window.stream().mapToDouble(r -> r[0]).toArray();
    double[] log = window.stream().mapToDouble(r -> Math.log(r[2])).toArray();
    double rate = (Math.sqrt(100) - 1) / (Math.sqrt(100) + 1);
    assertTrue(k.length >= 20, "window of " + k.length + " iterations");
    assertEquals(rate, Math.exp(Errors.slope(k, log)), 0.03 * rate, "Chebyshev's rate");
  }

  @Test
  void implicitErrorIsLinearInTheDistance() throws IOException {
    run(ImplicitErrorStudy.NAME);
    Path csv = dir.resolve(ImplicitErrorStudy.NAME + ".csv");
    assertEquals("method,k,distance,jacobian_error", Files.readAllLines(csv).get(0));
    for (String method : new String[] {"gd 1/L", "newton damped 0.3"}) {
      List<double[]> pts = rows(csv, method).stream().filter(r -> r[1] > 1e-10).toList();
      double[] d = pts.stream().mapToDouble(r -> Math.log(r[1])).toArray();
      double[] e = pts.stream().mapToDouble(r -> Math.log(r[2])).toArray();
      assertTrue(d[0] - d[d.length - 1] > Math.log(1e4), method + ": distance spans 4 decades");
      assertEquals(1.0, Errors.slope(d, e), 0.05, method + ": log-log slope");
    }
  }

  @Test
  void unknownStudyIsRefusedNamingTheValidOnes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Studies.byName("curse"));
    assertEquals("unknown study 'curse' (valid: " + String.join(", ", Studies.NAMES) + ")",
        e.getMessage());
  }
}
