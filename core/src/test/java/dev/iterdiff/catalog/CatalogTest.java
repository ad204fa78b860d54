package dev.iterdiff.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The generic catalog: lookup by name and alias, order, and the errors. */
class CatalogTest {

  record Thing(String name, List<String> aliases, String description) implements CatalogEntry {}

  static final Thing A = new Thing("alpha", List.of("a"), "the first");
  static final Thing B = new Thing("beta-two", List.of(), "the second");

  @Test
  void looksUpByNameOrAliasIgnoringCaseAndBlanks() {
    Catalog<Thing> c = Catalog.of("thing", A, B);
    assertSame(A, c.get("alpha"));
    assertSame(A, c.get(" A "));
    assertSame(B, c.get("BETA-TWO"));
    assertEquals("alpha", c.canonical("a"));
    assertTrue(c.contains("a"));
    assertFalse(c.contains("gamma"));
    assertTrue(c.find("gamma").isEmpty());
    assertEquals(List.of("alpha", "beta-two"), c.names());
    assertEquals(List.of(A, B), c.entries());
  }

  @Test
  void unknownNameNamesTheKindTheValueAndTheValidNames() {
    Catalog<Thing> c = Catalog.of("thing", A, B);
    UnknownNameException e = assertThrows(UnknownNameException.class, () -> c.get("gamma"));
    assertEquals("unknown thing 'gamma' (valid: alpha, beta-two)", e.getMessage());
    assertEquals("thing", e.kind());
    assertEquals("gamma", e.value());
    assertEquals(List.of("alpha", "beta-two"), e.valid());
    assertThrows(UnknownNameException.class, () -> c.get(null));
  }

  @Test
  void duplicateNamesOrAliasesAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Catalog.of("thing", A, new Thing("b", List.of("A"), "clash")));
    assertEquals("thing catalog: name 'a' registered twice (alpha and b)", e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> Catalog.of("thing", A, new Thing(" ", List.of(), "blank")));
  }

  @Test
  void describeListsOneLinePerEntry() {
    String text = Catalog.of("thing", A, B).describe();
    assertEquals(String.format("alpha     the first%nbeta-two  the second%n"), text);
  }
}
