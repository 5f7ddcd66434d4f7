package io.svclab.apiserver.validation;

/** A field path as Kubernetes prints it: {@code spec.ports[0].nodePort}, {@code metadata.labels[app]}. */
public record FieldPath(String value) {

  public static FieldPath of(String first, String... more) {
    FieldPath p = new FieldPath(first);
    for (String m : more) {
      p = p.child(m);
    }
    return p;
  }

  public FieldPath child(String name) {
    return new FieldPath(value.isEmpty() ? name : value + "." + name);
  }

  public FieldPath index(int i) {
    return new FieldPath(value + "[" + i + "]");
  }

  public FieldPath key(String k) {
    return new FieldPath(value + "[" + k + "]");
  }

  @Override
  public String toString() { return value; }
}
