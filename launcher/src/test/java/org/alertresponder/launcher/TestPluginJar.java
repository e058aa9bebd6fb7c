package org.alertresponder.launcher;

import org.alertresponder.launcher.testplugins.RecordingEmitterFactory;
import org.alertresponder.launcher.testplugins.SlowInspectorFactory;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/** Packs the test plugins (the slow inspector and the recording emitter) as a third party would ship them. */
final class TestPluginJar {
  private TestPluginJar() {
  }

  static void write(Path jar) throws Exception {
    Files.createDirectories(jar.getParent());
    Path classes = Path.of(SlowInspectorFactory.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path packageDir = classes.resolve("org/alertresponder/launcher/testplugins");
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out);
         Stream<Path> files = Files.list(packageDir)) {
      for (Path file : files.toList()) {
        jarOut.putNextEntry(new JarEntry("org/alertresponder/launcher/testplugins/" + file.getFileName()));
        jarOut.write(Files.readAllBytes(file));
        jarOut.closeEntry();
      }
      jarOut.putNextEntry(new JarEntry("META-INF/services/org.alertresponder.engine.spi.InspectorFactory"));
      jarOut.write((SlowInspectorFactory.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
      jarOut.closeEntry();
      jarOut.putNextEntry(new JarEntry("META-INF/services/org.alertresponder.engine.spi.EmitterFactory"));
      jarOut.write((RecordingEmitterFactory.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
      jarOut.closeEntry();
    }
  }
}
