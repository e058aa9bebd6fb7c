package org.alertresponder.launcher.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The plain forms of serve are parsed without picocli; anything else is left to it. */
class ServeCommandTest {
  @Test
  void plainFormsAreParsed() {
    assertThat(ServeCommand.parsePlain(new String[] {"serve"}).config).isNull();
    assertThat(ServeCommand.parsePlain(new String[] {"serve", "--config", "a.yaml"}).config).isEqualTo(Path.of("a.yaml"));
    assertThat(ServeCommand.parsePlain(new String[] {"serve", "-c", "a.yaml"}).config).isEqualTo(Path.of("a.yaml"));
    assertThat(ServeCommand.parsePlain(new String[] {"serve", "--config=a.yaml"}).config).isEqualTo(Path.of("a.yaml"));
    ServeCommand both = ServeCommand.parsePlain(new String[] {"serve", "--grace", "5s", "-c=b.yaml"});
    assertThat(both.grace).isEqualTo("5s");
    assertThat(both.config).isEqualTo(Path.of("b.yaml"));
    assertThat(ServeCommand.parsePlain(new String[] {"serve"}).grace).isEqualTo("30s");
  }

  @Test
  void anythingElseIsLeftToPicocli() {
    assertThat(ServeCommand.parsePlain(new String[] {})).isNull();
    assertThat(ServeCommand.parsePlain(new String[] {"submit", "x.json"})).isNull();
    assertThat(ServeCommand.parsePlain(new String[] {"serve", "--help"})).isNull();
    assertThat(ServeCommand.parsePlain(new String[] {"serve", "-h"})).isNull();
    assertThat(ServeCommand.parsePlain(new String[] {"serve", "--config"})).isNull();
    assertThat(ServeCommand.parsePlain(new String[] {"serve", "--bogus", "x"})).isNull();
    assertThat(ServeCommand.parsePlain(new String[] {"serve", "extra"})).isNull();
  }
}
