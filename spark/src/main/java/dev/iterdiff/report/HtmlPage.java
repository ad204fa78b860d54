package dev.iterdiff.report;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * A self-contained HTML page: headings, paragraphs, tables and PNG figures embedded as
 * {@code data:} URIs, one inline style sheet, no script and no external resource, so the file
 * opens anywhere (a laptop, an air-gapped cluster gateway, a CI artifact) exactly as written.
 * Text is HTML-escaped; numbers in tables carry their exact value in a {@code data-value}
 * attribute beside the rounded text.
 */
public final class HtmlPage {

  private static final String STYLE = """
      body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:24px auto;\
      max-width:1180px;color:#222;padding:0 16px}
      h1{font-size:1.5em;margin-bottom:4px}h2{font-size:1.2em;margin-top:32px;\
      border-bottom:1px solid #ddd;padding-bottom:4px}
      table{border-collapse:collapse;margin:8px 0 16px 0;font-size:0.92em}
      th,td{border:1px solid #ccc;padding:3px 8px}th{background:#f3f3f3;text-align:left}
      td.n{text-align:right;font-variant-numeric:tabular-nums}
      figure{margin:12px 0 24px 0}figure img{max-width:100%;border:1px solid #eee}
      pre{background:#f7f7f7;padding:8px;font-size:0.85em;overflow-x:auto}
      figcaption{font-size:0.9em;color:#555;max-width:900px}p.note{color:#555;font-size:0.9em}
      """;

  private final String title;
  private final StringBuilder body = new StringBuilder();
  private final List<String> figureIds = new ArrayList<>();

  /** @param title the page title and first heading. */
  public HtmlPage(String title) {
    this.title = title;
  }

  /** HTML-escapes text. */
  public static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** A section heading. */
  public HtmlPage heading(String text) {
    body.append("<h2>").append(escape(text)).append("</h2>\n");
    return this;
  }

  /** A paragraph of plain text. */
  public HtmlPage paragraph(String text) {
    body.append("<p>").append(escape(text)).append("</p>\n");
    return this;
  }

  /** Preformatted text (a config), in a block with the given id. */
  public HtmlPage pre(String id, String text) {
    body.append("<pre id=\"").append(escape(id)).append("\">").append(escape(text))
        .append("</pre>\n");
    return this;
  }

  /** A note (smaller, grey). */
  public HtmlPage note(String text) {
    body.append("<p class=\"note\">").append(escape(text)).append("</p>\n");
    return this;
  }

  /**
   * A table. A cell that is a {@link Number} is right-aligned, written with 4 significant
   * digits (integers in full) and carries its exact value in {@code data-value}; null is "–".
   *
   * @param id      the table's element id (tests find it by id).
   * @param header  column names.
   * @param rows    cells, as many per row as header names.
   * @throws IllegalArgumentException on a row of another width.
   */
  public HtmlPage table(String id, List<String> header, List<List<Object>> rows) {
    body.append("<table id=\"").append(escape(id)).append("\"><thead><tr>");
    for (String h : header) {
      body.append("<th>").append(escape(h)).append("</th>");
    }
    body.append("</tr></thead><tbody>\n");
    for (List<Object> row : rows) {
      if (row.size() != header.size()) {
        throw new IllegalArgumentException("table " + id + ": a row of " + row.size()
            + " cells under " + header.size() + " columns");
      }
      body.append("<tr>");
      for (Object cell : row) {
        cell(cell);
      }
      body.append("</tr>\n");
    }
    body.append("</tbody></table>\n");
    return this;
  }

  private void cell(Object v) {
    if (v == null || (v instanceof Double d && !Double.isFinite(d))) {
      body.append("<td class=\"n\">–</td>");
    } else if (v instanceof Integer || v instanceof Long) {
      body.append("<td class=\"n\" data-value=\"").append(v).append("\">").append(v)
          .append("</td>");
    } else if (v instanceof Number n) {
      double d = n.doubleValue();
      body.append("<td class=\"n\" data-value=\"").append(Double.toString(d)).append("\">")
          .append(escape(format(d))).append("</td>");
    } else {
      body.append("<td>").append(escape(String.valueOf(v))).append("</td>");
    }
  }

  /** 4 significant digits, plain for moderate magnitudes, scientific otherwise. */
  public static String format(double d) {
    if (d == 0) {
      return "0";
    }
    double a = Math.abs(d);
    return a >= 1e-3 && a < 1e5 ? String.format(Locale.ROOT, "%.4g", d)
        : String.format(Locale.ROOT, "%.3e", d);
  }

  /**
   * A figure: the PNG inline as a {@code data:} URI, with a caption.
   *
   * @param id      the image's element id.
   * @param png     PNG bytes. Not modified.
   * @param alt     alternative text (what the plot shows).
   * @param caption what to read in it.
   */
  public HtmlPage figure(String id, byte[] png, String alt, String caption) {
    figureIds.add(id);
    body.append("<figure><img id=\"").append(escape(id)).append("\" alt=\"")
        .append(escape(alt)).append("\" src=\"data:image/png;base64,")
        .append(Base64.getEncoder().encodeToString(png)).append("\">");
    if (caption != null && !caption.isEmpty()) {
      body.append("<figcaption>").append(escape(caption)).append("</figcaption>");
    }
    body.append("</figure>\n");
    return this;
  }

  /** The ids of the figures added, in order. */
  public List<String> figureIds() {
    return List.copyOf(figureIds);
  }

  /** The whole document. */
  public String html() {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + "<link rel=\"icon\" href=\"data:,\">\n"
        + "<title>" + escape(title) + "</title>\n<style>\n" + STYLE + "</style></head>\n"
        + "<body>\n<h1>" + escape(title) + "</h1>\n" + body + "</body></html>\n";
  }
}
