package io.svclab.workload.deployment;

import com.google.protobuf.CodedOutputStream;
import io.svclab.api.v1.PodTemplateSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * The {@code pod-template-hash} of a Deployment's pod template, computed as Kubernetes'
 * ComputeHash in spirit: FNV-1a (32 bit) over a deterministic encoding of the template
 * (plus the collision count, when set), printed in decimal and then mapped digit by digit
 * onto the alphabet of rand.SafeEncodeString, which has no vowels (no words) and no
 * look-alike characters. Kubernetes hashes Go's spew dump; this hashes the deterministic
 * protobuf encoding, so values are stable across runs but not equal to a real cluster's.
 */
public final class PodTemplateHash {
  private PodTemplateHash() {}

  static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
  private static final int FNV_OFFSET = 0x811c9dc5;
  private static final int FNV_PRIME = 0x01000193;

  /** The hash of {@code template}; {@code collisionCount} null when the Deployment has none. */
  public static String of(PodTemplateSpec template, Integer collisionCount) {
    int hash = FNV_OFFSET;
    for (byte b : deterministicBytes(template)) {
      hash = (hash ^ (b & 0xff)) * FNV_PRIME;
    }
    if (collisionCount != null) {
      int c = collisionCount;
      for (int i = 0; i < 4; i++) { // little endian, as binary.LittleEndian.PutUint32
        hash = (hash ^ ((c >>> (8 * i)) & 0xff)) * FNV_PRIME;
      }
    }
    return safeEncode(Integer.toUnsignedString(hash));
  }

  static String safeEncode(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      out.append(ALPHABET.charAt(s.charAt(i) % ALPHABET.length()));
    }
    return out.toString();
  }

  /** Map fields in key order, so equal templates always hash equal. */
  private static byte[] deterministicBytes(PodTemplateSpec template) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      CodedOutputStream out = CodedOutputStream.newInstance(bytes);
      out.useDeterministicSerialization();
      template.writeTo(out);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory cannot fail", e);
    }
  }
}
