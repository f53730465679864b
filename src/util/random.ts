/**
 * A seeded random source (sfc32). Its whole state is four uint32s, kept in the cluster state so that
 * a command sequence continues one deterministic stream: with a fixed seed and clock, the same
 * commands print the same bytes.
 */
/** Two hex digits for each byte value. */
const HEX_BYTE = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export class Random {
  private s: Uint32Array;

  constructor(state: readonly number[]) {
    this.s = Uint32Array.from(state.length === 4 ? state : [0x9e3779b9, 0x243f6a88, 0xb7e15162, 0x0badf00d]);
  }

  static fromSeed(seed: string | number): Random {
    // Expand the seed with a string hash (cyrb128-like), then warm up.
    const str = String(seed);
    let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
    for (let i = 0; i < str.length; i++) {
      const k = str.charCodeAt(i);
      h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
      h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
      h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
      h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
    }
    const r = new Random([h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0]);
    for (let i = 0; i < 12; i++) r.uint32();
    return r;
  }

  state(): number[] {
    return Array.from(this.s);
  }

  uint32(): number {
    const s = this.s;
    const t = (((s[0] + s[1]) >>> 0) + s[3]) >>> 0;
    s[3] = (s[3] + 1) >>> 0;
    s[0] = s[1] ^ (s[1] >>> 9);
    s[1] = (s[2] + (s[2] << 3)) >>> 0;
    s[2] = (s[2] << 21) | (s[2] >>> 11);
    s[2] = (s[2] + t) >>> 0;
    return t;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** An integer in [lo, hi]. */
  between(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }

  /** Kubernetes' utilrand.String alphabet: no vowels, no confusable characters. */
  string(n: number): string {
    const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
    let out = '';
    for (let i = 0; i < n; i++) out += alphabet[this.int(alphabet.length)];
    return out;
  }

  hex(n: number): string {
    let out = '';
    while (out.length < n) {
      const x = this.uint32();
      out += HEX_BYTE[x >>> 24] + HEX_BYTE[(x >>> 16) & 255] + HEX_BYTE[(x >>> 8) & 255] + HEX_BYTE[x & 255];
    }
    return out.length === n ? out : out.slice(0, n);
  }

  /** A random (v4) UUID, as the API server assigns to metadata.uid. */
  uuid(): string {
    const h = this.hex(32).split('');
    h[12] = '4';
    h[16] = '89ab'[parseInt(h[16], 16) & 3];
    const s = h.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  }
}
