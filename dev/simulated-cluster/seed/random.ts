/**
 * A seeded pseudo-random source (mulberry32), so that a seed number always gives the same
 * cluster: the same node names, uids, image digests and health states.
 */
/** Two hex digits per byte value: seeding draws many digests and ids, so this is on the hot path. */
const HEX_BYTES = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  hex(length: number): string {
    let s = '';
    while (s.length < length) {
      const n = (this.next() * 0x100000000) >>> 0;
      s +=
        HEX_BYTES[n >>> 24] +
        HEX_BYTES[(n >>> 16) & 255] +
        HEX_BYTES[(n >>> 8) & 255] +
        HEX_BYTES[n & 255];
    }
    return s.length === length ? s : s.slice(0, length);
  }

  /** A version 4 UUID made from this source. */
  uuid(): string {
    const h = this.hex(32);
    const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}
