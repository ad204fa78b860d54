package dev.iterdiff.spark.distill;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import javax.imageio.ImageIO;

/**
 * The distilled images as a PNG grid (Java2D, headless, as
 * {@link dev.iterdiff.report.TrajectoryPlot} draws): one column per class, one row per
 * synthetic image of that class, each image w×h pixels scaled up, pixel value v ∈ [0, 1] drawn
 * as gray level 255·(1 − v) (dark ink on white, as Fashion-MNIST is usually shown).
 */
public final class ImageGrid {

  private static final int SCALE = 4;
  private static final int GAP = 6;
  private static final int TOP = 30;

  static {
    System.setProperty("java.awt.headless", "true");
  }

  private ImageGrid() {}

  /**
   * Writes the grid.
   *
   * @param title    title line.
   * @param theta    classes·perClass images of width·height pixels each, image i at
   *                 [i·w·h, (i+1)·w·h), row-major pixels, class-major images. Not modified.
   * @param classes  columns.
   * @param perClass rows.
   * @param width    image width.
   * @param height   image height.
   * @param out      destination; not closed.
   * @throws IllegalArgumentException if θ's length is not classes·perClass·width·height.
   */
  public static void write(String title, double[] theta, int classes, int perClass, int width,
      int height, OutputStream out) throws IOException {
    int size = width * height;
    if (theta.length != classes * perClass * size) {
      throw new IllegalArgumentException("image grid: " + theta.length + " pixels, expected "
          + classes + " x " + perClass + " x " + width + " x " + height);
    }
    int cw = width * SCALE + GAP;
    int ch = height * SCALE + GAP;
    BufferedImage img = new BufferedImage(Math.max(classes * cw + GAP, 300),
        TOP + perClass * ch + GAP, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
    g.drawString(title, GAP, 18);
    for (int c = 0; c < classes; c++) {
      for (int r = 0; r < perClass; r++) {
        int base = (c * perClass + r) * size;
        int x0 = GAP + c * cw;
        int y0 = TOP + r * ch;
        for (int y = 0; y < height; y++) {
          for (int x = 0; x < width; x++) {
            double v = Math.max(0, Math.min(1, theta[base + y * width + x]));
            int level = (int) Math.round(255 * (1 - v));
            g.setColor(new Color(level, level, level));
            g.fillRect(x0 + x * SCALE, y0 + y * SCALE, SCALE, SCALE);
          }
        }
      }
    }
    g.dispose();
    ImageIO.write(img, "png", out);
  }
}
