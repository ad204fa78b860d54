package dev.iterdiff.data;

import dev.iterdiff.problem.LabeledData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Makes the committed {@code data-samples/} files (run by {@code data-samples/make.sh}):
 *
 * <pre>
 * breast-cancer BREAST_CANCER_CSV OUT     569×30, features standardized, labels 0/1 as in the file
 * diabetes DATA_RAW_CSV_GZ TARGET_CSV_GZ OUT  442×10, features and target standardized
 * synthetic-ridge ROWS COLS KAPPA NOISE SEED OUT   see {@link SyntheticRidgeData}
 * digits DIGITS_CSV_GZ OUT                 1797×64, pixels/16 in [0, 1], labels 0…9
 * quadratic N MU L SPACING SEED OUT   N×N, AᵀA/N with spectrum SPACING (geometric|uniform) in
 *                                     [MU, L]: see {@link QuadraticSpectrum}
 * </pre>
 *
 * The inputs are scikit-learn's files under {@code sklearn/datasets/data/} (Debian package
 * {@code python3-sklearn}). Parsing errors name the file and the line.
 */
public final class SampleFiles {

  private SampleFiles() {}

  /** Command-line entry; see the class comment. */
  public static void main(String[] args) throws IOException {
    if (args.length == 3 && args[0].equals("breast-cancer")) {
      LabeledData d = Standardization.features(breastCancer(Path.of(args[1])));
      LibsvmWriter.write(d, Path.of(args[2]), "breast cancer (Wisconsin diagnostic), 569 x 30,"
          + " from scikit-learn's breast_cancer.csv", "features standardized (mean 0, std 1,"
          + " ddof 0); label 0 = malignant, 1 = benign (as in the file)");
    } else if (args.length == 4 && args[0].equals("diabetes")) {
      LabeledData d = Standardization.featuresAndLabels(diabetes(Path.of(args[1]), Path.of(args[2])));
      LibsvmWriter.write(d, Path.of(args[3]), "diabetes (Efron et al. 2004), 442 x 10, from"
          + " scikit-learn's diabetes_data_raw.csv.gz and diabetes_target.csv.gz",
          "features and target standardized (mean 0, std 1, ddof 0)");
    } else if (args.length == 7 && args[0].equals("synthetic-ridge")) {
      SyntheticRidgeData spec = new SyntheticRidgeData(Integer.parseInt(args[1]),
          Integer.parseInt(args[2]), Double.parseDouble(args[3]), Double.parseDouble(args[4]),
          Long.parseLong(args[5]));
      LabeledData d = spec.generate(args[6]);
      LibsvmWriter.write(d, Path.of(args[6]), syntheticComments(spec));
    } else if (args.length == 3 && args[0].equals("digits")) {
      LibsvmWriter.write(digits(Path.of(args[1])), Path.of(args[2]), "optical handwritten digits"
          + " (UCI), 1797 x 64 (8 x 8 images, row by row), from scikit-learn's digits.csv.gz",
          "pixels divided by 16 (in [0, 1]); label = the digit 0..9");
    } else if (args.length == 7 && args[0].equals("quadratic")) {
      QuadraticSpectrum spec = new QuadraticSpectrum(Integer.parseInt(args[1]),
          Double.parseDouble(args[2]), Double.parseDouble(args[3]),
          QuadraticSpectrum.spacing(args[4]), Long.parseLong(args[5]));
      LibsvmWriter.write(spec.generate(args[6]), Path.of(args[6]), spec.toString(),
          "A^T A / N = Q diag(lambda) Q^T, A^T y / N = c (dev.iterdiff.data.QuadraticSpectrum)");
    } else {
      System.err.println("usage: SampleFiles breast-cancer CSV OUT | diabetes DATA_GZ TARGET_GZ OUT"
          + " | synthetic-ridge ROWS COLS KAPPA NOISE SEED OUT | digits CSV_GZ OUT"
          + " | quadratic N MU L SPACING SEED OUT");
      System.exit(2);
    }
  }

  /** The header comment lines of a synthetic ridge file. */
  static String[] syntheticComments(SyntheticRidgeData spec) {
    return new String[] {"synthetic ridge data: " + spec,
        "eigenvalues of A^T A / N geometric from 1 to 1/kappa (dev.iterdiff.data.SyntheticRidgeData)"};
  }

  /**
   * scikit-learn's {@code breast_cancer.csv}: header {@code "569,30,malignant,benign"}, then
   * one line per sample, 30 features and the target (0 = malignant, 1 = benign).
   */
  public static LabeledData breastCancer(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    String[] header = lines.get(0).split(",");
    int rows = Integer.parseInt(header[0].strip());
    int cols = Integer.parseInt(header[1].strip());
    double[][] table = parse(csv.toString(), lines.subList(1, lines.size()), ",", 2, cols + 1);
    if (table.length != rows) {
      throw new IllegalArgumentException(csv + ": header says " + rows + " samples, found "
          + table.length);
    }
    double[] a = new double[rows * cols];
    double[] labels = new double[rows];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        a[i + j * rows] = table[i][j];
      }
      labels[i] = table[i][cols];
    }
    return new LabeledData(a, rows, cols, labels, csv.toString());
  }

  /**
   * scikit-learn's diabetes files: {@code diabetes_data_raw.csv.gz} (442 lines of 10
   * space-separated features) and {@code diabetes_target.csv.gz} (one target per line).
   */
  public static LabeledData diabetes(Path dataGz, Path targetGz) throws IOException {
    double[][] x = parse(dataGz.toString(), gunzipLines(dataGz), "[ \\t]+", 1, 10);
    double[][] y = parse(targetGz.toString(), gunzipLines(targetGz), "[ \\t]+", 1, 1);
    if (x.length != y.length) {
      throw new IllegalArgumentException(dataGz + " has " + x.length + " samples but "
          + targetGz + " has " + y.length);
    }
    int rows = x.length;
    double[] a = new double[rows * 10];
    double[] labels = new double[rows];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < 10; j++) {
        a[i + j * rows] = x[i][j];
      }
      labels[i] = y[i][0];
    }
    return new LabeledData(a, rows, 10, labels, dataGz.toString());
  }

  /**
   * scikit-learn's {@code digits.csv.gz}: 1797 lines of 64 pixel counts (0…16, an 8×8 image
   * row by row) and the digit; pixels scaled to v/16 ∈ [0, 1].
   */
  public static LabeledData digits(Path csvGz) throws IOException {
    double[][] t = parse(csvGz.toString(), gunzipLines(csvGz), ",", 1, 65);
    int rows = t.length;
    double[] a = new double[rows * 64];
    double[] labels = new double[rows];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < 64; j++) {
        a[i + j * rows] = t[i][j] / 16.0;
      }
      labels[i] = t[i][64];
    }
    return new LabeledData(a, rows, 64, labels, csvGz.toString());
  }

  private static List<String> gunzipLines(Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file));
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        lines.add(line);
      }
    }
    return lines;
  }

  /** Parses non-blank lines of exactly {@code width} numbers; firstLine numbers messages. */
  private static double[][] parse(String source, List<String> lines, String separator,
      int firstLine, int width) {
    List<double[]> table = new ArrayList<>();
    for (int k = 0; k < lines.size(); k++) {
      String line = lines.get(k).strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] fields = line.split(separator);
      String where = source + ":" + (firstLine + k) + ": ";
      if (fields.length != width) {
        throw new IllegalArgumentException(where + fields.length + " fields, expected " + width);
      }
      double[] row = new double[width];
      for (int j = 0; j < width; j++) {
        try {
          row[j] = Double.parseDouble(fields[j].strip());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(where + "field " + (j + 1) + ": '" + fields[j]
              + "' is not a number");
        }
      }
      table.add(row);
    }
    return table.toArray(new double[0][]);
  }
}
