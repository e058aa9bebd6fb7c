package org.alertresponder.engine.api;

/**
 * Where an attribute of a report came from: an alert, or an inspector that discovered it while
 * inspecting another attribute (its parent).
 *
 * @param alertId    the alert's id, for attributes that came with an alert
 * @param inspector  the inspector's name, for discovered attributes
 * @param parentHash the hash of the attribute whose inspection discovered this one
 */
public record Origin(String alertId, String inspector, String parentHash) {
  public static Origin alert(String alertId) {
    return new Origin(alertId, null, null);
  }

  public static Origin inspector(String inspector, String parentHash) {
    return new Origin(null, inspector, parentHash);
  }

  public boolean fromAlert() {
    return alertId != null;
  }
}
