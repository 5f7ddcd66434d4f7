package io.svclab.net.allocation;

import io.svclab.net.ip.Ipv4;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Which owner holds which address of an inclusive IPv4 range (pod IPs of a podCIDR, LoadBalancer
 * IPs of a pool): one address per owner, one owner per address, over a {@link RangeBitmap}.
 * Pure bookkeeping, no I/O, not thread-safe.
 */
public final class AddressLeases {
  private final long first;
  private final RangeBitmap bitmap;
  private final Map<Integer, String> owners = new HashMap<>();
  private final Map<String, Integer> byOwner = new HashMap<>();

  /** Addresses {@code first..last}, both included. */
  public AddressLeases(long first, long last) {
    if (last < first) throw new IllegalArgumentException("empty address range " + Ipv4.format(first) + "-" + Ipv4.format(last));
    if (last - first >= Integer.MAX_VALUE) throw new IllegalArgumentException("address range too large");
    this.first = first;
    this.bitmap = new RangeBitmap((int) (last - first + 1));
  }

  public int capacity() { return bitmap.size(); }

  public int used() { return bitmap.used(); }

  public boolean contains(String ip) {
    return offsetOf(ip) >= 0;
  }

  public Optional<String> addressOf(String owner) {
    return Optional.ofNullable(byOwner.get(owner)).map(this::address);
  }

  public Optional<String> ownerOf(String ip) {
    return Optional.ofNullable(owners.get(offsetOf(ip)));
  }

  /** Whether {@code owner} may hold {@code ip}: in the range, and free or already its own. */
  public boolean available(String ip, String owner) {
    int offset = offsetOf(ip);
    return offset >= 0 && (!bitmap.isTaken(offset) || owner.equals(owners.get(offset)));
  }

  /** The first free address at or after offset {@code start} (wrapping), not taken. */
  public Optional<String> nextFree(int start) {
    int offset = bitmap.nextFree(start);
    return offset < 0 ? Optional.empty() : Optional.of(address(offset));
  }

  /** The offset of {@code ip} in the range, or -1 outside it or when it is not an IPv4 address. */
  public int offsetOf(String ip) {
    OptionalLong v = Ipv4.tryParse(ip);
    if (v.isEmpty()) return -1;
    long off = v.getAsLong() - first;
    return off >= 0 && off < bitmap.size() ? (int) off : -1;
  }

  /** Gives {@code ip} to {@code owner}, releasing what else it held; false when not {@link #available}. */
  public boolean assign(String owner, String ip) {
    if (!available(ip, owner)) return false;
    int offset = offsetOf(ip);
    release(owner);
    bitmap.take(offset);
    owners.put(offset, owner);
    byOwner.put(owner, offset);
    return true;
  }

  /** Frees the owner's address; returns it if it held one. */
  public Optional<String> release(String owner) {
    Integer offset = byOwner.remove(owner);
    if (offset == null) return Optional.empty();
    owners.remove(offset);
    bitmap.release(offset);
    return Optional.of(address(offset));
  }

  public void clear() {
    owners.clear();
    byOwner.clear();
    bitmap.clear();
  }

  private String address(int offset) {
    return Ipv4.format(first + offset);
  }
}
