package org.alertresponder.engine.api;

import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.spi.InspectionResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The model shares what many open reports would otherwise each keep a copy of, without changing what it holds. */
class CompactModelTest {
  @Test
  void attributesWithTheSameKnownContextWordShareOneImmutableList() {
    Attribute first = Attribute.of(Attribute.IPADDR, "src", "198.51.100.7", new String("remote"));
    Attribute second = Attribute.of(Attribute.IPADDR, "dst", "198.51.100.8", Attribute.REMOTE);

    assertThat(first.context()).containsExactly("remote").isSameAs(second.context());
    assertThatThrownBy(() -> first.context().add("local")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void otherContextsAreCopiedAndAContextWithANullStillReachesTheValidator() {
    List<String> words = new ArrayList<>(List.of("custom-word", "remote"));
    Attribute custom = new Attribute(Attribute.DOMAIN, "k", "a.example", words, null);
    words.clear();
    assertThat(custom.context()).containsExactly("custom-word", "remote");

    Attribute withNull = new Attribute(Attribute.DOMAIN, "k", "a.example", Arrays.asList("remote", null), null);
    assertThat(withNull.context()).containsExactly("remote", null);
    assertThat(AlertValidator.violations(Alert.builder("d", "r").attribute(withNull).build()))
        .extracting(Violation::path).contains("attributes[0].context[1]");
  }

  @Test
  void anAlertKeepsAnAttributeThatIsMissingForTheValidatorToReport() {
    Alert alert = new Alert("d", "r", null, null, null, null, Arrays.asList(null, Attribute.of(Attribute.DOMAIN, "k",
        "a.example")), null);

    assertThat(alert.attributes()).hasSize(2).first().isNull();
  }

  @Test
  void findingsAreAuthoredOnceAndAResultAuthoredAlreadyIsKept() {
    Finding finding = Finding.of(Finding.HOST, new JsonObject().put("score", 1));
    InspectionResult result = InspectionResult.of(finding);

    InspectionResult authored = result.authoredBy("blocklist");

    assertThat(authored.findings()).extracting(Finding::author).containsExactly("blocklist");
    assertThat(authored.authoredBy("blocklist")).isSameAs(authored);
    assertThat(authored.findings().get(0).withAuthor("blocklist")).isSameAs(authored.findings().get(0));
    assertThat(authored.authoredBy("other").findings()).extracting(Finding::author).containsExactly("other");
  }
}
