package org.alertresponder.engine.api;

import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.internal.FrozenJson;

import java.util.Objects;

/**
 * What an inspector learnt about an attribute.
 *
 * @param author  the inspector's name; the engine sets it, whatever the inspector said
 * @param type    {@code host}, {@code user}, {@code binary} or a custom lower-case word
 * @param content free JSON (deepalert's host/user/binary shapes, or anything else); kept frozen
 */
public record Finding(String author, String type, JsonObject content) {
  public static final String HOST = "host";
  public static final String USER = "user";
  public static final String BINARY = "binary";

  public Finding {
    content = FrozenJson.freezeObject(content == null ? new JsonObject() : content);
  }

  /** A finding as an inspector returns it; the engine fills in the author. */
  public static Finding of(String type, JsonObject content) {
    return new Finding(null, type, content);
  }

  public Finding withAuthor(String newAuthor) {
    if (Objects.equals(author, newAuthor)) {
      return this;
    }
    return new Finding(newAuthor, type, content);
  }
}
