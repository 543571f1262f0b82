package dev.agp.generated.runtime;

/**
 * What every generated enum is: open, because the server may send values newer than this SDK's spec. Such
 * a value decodes to the enum's one member for which {@link #isKnown()} is false, and the model keeps the
 * string the server sent (its {@code get…Raw()} accessor). Each enum also has a static
 * {@code knownValues()}: the values the spec names, in its order.
 */
public interface OpenEnum {

  /** @return false only for the member that stands for a value newer than this SDK's spec */
  boolean isKnown();

  /** @return the value as it appears on the wire */
  Object getValue();
}
