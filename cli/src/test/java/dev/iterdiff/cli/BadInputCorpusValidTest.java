package dev.iterdiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * What the corpus holds that is valid on purpose: a UTF-8 byte-order mark at the start of a
 * LIBSVM file is skipped and CRLF line ends are read as LF (LibsvmReader documents both), so
 * the file gives the same answer as its plain twin.
 */
class BadInputCorpusValidTest {

  @Test
  void byteOrderMarkAndCrlfReadLikeThePlainFile() throws Exception {
    Path bom = Path.of(BadInputCorpusTest.CORPUS, "libsvm/valid-bom-crlf.libsvm");
    String text = Files.readString(bom, StandardCharsets.UTF_8);
    Path plain = Files.createDirectories(Path.of(BadInputCorpusTest.OUT)).resolve("plain.libsvm");
    Files.writeString(plain, text.replace("\uFEFF", "").replace("\r\n", "\n"));
    CommandRun a = CommandRun.of("jacobian", "--problem", "ridge", "--data", bom.toString(),
        "--theta", "0.1", "--solver", "newton", "--iterations", "20", "--estimator", "implicit");
    CommandRun b = CommandRun.of("jacobian", "--problem", "ridge", "--data", plain.toString(),
        "--theta", "0.1", "--solver", "newton", "--iterations", "20", "--estimator", "implicit");
    assertEquals(0, a.status(), a.err());
    assertEquals(0, b.status(), b.err());
    String jacobian = "\"jacobian\"";
    assertEquals(b.out().substring(b.out().indexOf(jacobian)).replaceAll(
        "\"seconds\":[^,}]*", ""), a.out().substring(a.out().indexOf(jacobian)).replaceAll(
        "\"seconds\":[^,}]*", ""));
  }
}
