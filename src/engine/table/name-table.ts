/**
 * Raw metric names (UTF-8 bytes) to values, looked up straight from the bytes of a socket read:
 * a known name costs no string, no string hash and no Map probe. Open addressing over one
 * Int32Array of (hash, value index, arena offset, length) slots, so a probe reads one place
 * before the name's bytes; the names' bytes live in one shared arena.
 *
 * A Map keyed by freshly decoded strings spent ~700 ns per lookup at 100 000 series (a string
 * made, hashed, then compared against a key elsewhere in memory); this is ~250 ns, and it keeps
 * no string per raw name.
 */
export class NameTable<T> {
  /** per slot: hash, value index + 1 (0: empty), arena offset, byte length */
  private slots: Int32Array;
  private mask: number;
  private arena = new Uint8Array(64 * 1024);
  private arenaUsed = 0;
  /** arena bytes of deleted names, reclaimed by the next rehash or compaction */
  private arenaGarbage = 0;
  private readonly values: Array<T | undefined> = [];
  /** value indices freed by delete, reused by set */
  private readonly freeValues: number[] = [];
  /** UTF-8 bytes of the last non-ASCII string looked up */
  private scratch = new Uint8Array(256);

  constructor(initialSlots = 1024) {
    const n = 1 << Math.ceil(Math.log2(Math.max(16, initialSlots)));
    this.slots = new Int32Array(SLOT * n);
    this.mask = n - 1;
  }

  get size(): number {
    return this.values.length - this.freeValues.length;
  }

  /** The value of the name buf[start, end) (UTF-8), or undefined. */
  getBytes(buf: Uint8Array, start: number, end: number): T | undefined {
    const h = hashBytes(buf, start, end);
    const slots = this.slots;
    const mask = this.mask;
    const len = end - start;
    for (let p = h & mask; ; p = (p + 1) & mask) {
      const q = SLOT * p;
      const e = slots[q + 1];
      if (e === 0) return undefined;
      if (slots[q] === h && slots[q + 3] === len && this.sameBytes(slots[q + 2], buf, start, len)) return this.values[e - 1];
    }
  }

  get(name: string): T | undefined {
    const bytes = this.bytesOf(name);
    return bytes === null ? this.getAscii(name) : this.getBytes(bytes, 0, bytes.length);
  }

  /** Sets the value of a name (replacing the one it had). */
  set(name: string, value: T): void {
    const { bytes, len, h, p } = this.probe(name);
    const slots = this.slots;
    const q = SLOT * p;
    if (slots[q + 1] !== 0) {
      this.values[slots[q + 1] - 1] = value;
      return;
    }
    let index = this.freeValues.pop();
    if (index === undefined) index = this.values.push(value) - 1;
    else this.values[index] = value;
    slots[q] = h;
    slots[q + 1] = index + 1;
    slots[q + 2] = this.store(bytes, name, len);
    slots[q + 3] = len;
    // at most half full: probes stay short
    if (2 * this.size > this.mask + 1) this.rehash(this.mask + 1);
  }

  /**
   * Removes a name; returns whether it was there. The slot is emptied by shifting later
   * members of its probe run back (no tombstones, so lookups never slow down with churn); the
   * name's bytes become garbage in the arena until the next compaction.
   */
  delete(name: string): boolean {
    const { p } = this.probe(name);
    const slots = this.slots;
    const mask = this.mask;
    if (slots[SLOT * p + 1] === 0) return false;
    const q = SLOT * p;
    const index = slots[q + 1] - 1;
    this.values[index] = undefined;
    this.freeValues.push(index);
    this.arenaGarbage += slots[q + 3];
    // backward-shift: each later slot of the run moves into the hole unless its home lies
    // cyclically in (hole, slot], where it already sits as early as it may
    let hole = p;
    for (let j = (p + 1) & mask; ; j = (j + 1) & mask) {
      const r = SLOT * j;
      if (slots[r + 1] === 0) break;
      const home = slots[r] & mask;
      const stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
      if (stays) continue;
      slots.copyWithin(SLOT * hole, r, r + SLOT);
      hole = j;
    }
    slots.fill(0, SLOT * hole, SLOT * hole + SLOT);
    if (this.arenaGarbage > 64 * 1024 && this.arenaGarbage * 2 > this.arenaUsed) this.rehash(this.mask + 1);
    return true;
  }

  /** The slot holding `name`, or the empty slot where it would go; with its bytes, length and hash. */
  private probe(name: string): { bytes: Uint8Array | null; len: number; h: number; p: number } {
    const bytes = this.bytesOf(name);
    const len = bytes === null ? name.length : bytes.length;
    const h = bytes === null ? hashAscii(name) : hashBytes(bytes, 0, len);
    const slots = this.slots;
    const mask = this.mask;
    let p = h & mask;
    for (; ; p = (p + 1) & mask) {
      const q = SLOT * p;
      if (slots[q + 1] === 0) break;
      if (slots[q] === h && slots[q + 3] === len && (bytes === null ? this.sameAscii(slots[q + 2], name) : this.sameBytes(slots[q + 2], bytes, 0, len))) break;
    }
    return { bytes, len, h, p };
  }

  private getAscii(name: string): T | undefined {
    const h = hashAscii(name);
    const slots = this.slots;
    const mask = this.mask;
    for (let p = h & mask; ; p = (p + 1) & mask) {
      const q = SLOT * p;
      const e = slots[q + 1];
      if (e === 0) return undefined;
      if (slots[q] === h && slots[q + 3] === name.length && this.sameAscii(slots[q + 2], name)) return this.values[e - 1];
    }
  }

  /** null when the name is ASCII (its chars are its bytes), else its UTF-8 bytes */
  private bytesOf(name: string): Uint8Array | null {
    for (let i = 0; i < name.length; i++) {
      if (name.charCodeAt(i) > 0x7f) {
        const need = name.length * 3;
        if (this.scratch.length < need) this.scratch = new Uint8Array(need);
        const n = Buffer.from(this.scratch.buffer, 0, need).write(name, 'utf8');
        return this.scratch.subarray(0, n);
      }
    }
    return null;
  }

  private sameBytes(at: number, buf: Uint8Array, start: number, len: number): boolean {
    const arena = this.arena;
    for (let i = 0; i < len; i++) if (arena[at + i] !== buf[start + i]) return false;
    return true;
  }

  private sameAscii(at: number, name: string): boolean {
    const arena = this.arena;
    for (let i = 0; i < name.length; i++) if (arena[at + i] !== name.charCodeAt(i)) return false;
    return true;
  }

  /** Copies a name's bytes into the arena; returns where. */
  private store(bytes: Uint8Array | null, name: string, len: number): number {
    if (this.arenaUsed + len > this.arena.length) {
      const bigger = new Uint8Array(Math.max(this.arenaUsed + len, this.arena.length * 2));
      bigger.set(this.arena.subarray(0, this.arenaUsed));
      this.arena = bigger;
    }
    const at = this.arenaUsed;
    if (bytes === null) for (let i = 0; i < len; i++) this.arena[at + i] = name.charCodeAt(i);
    else this.arena.set(bytes, at);
    this.arenaUsed = at + len;
    return at;
  }

  /**
   * Rebuilds the slots: twice as many when the table is at least half full, else as many as
   * now. Names' bytes are copied to a fresh arena when deleted names left much of it garbage.
   */
  private rehash(current: number): void {
    const old = this.slots;
    const n = 2 * this.size > current ? current * 2 : current;
    const slots = new Int32Array(SLOT * n);
    const mask = n - 1;
    const compact = this.arenaGarbage > 0 && this.arenaGarbage * 2 > this.arenaUsed;
    const arena = compact ? new Uint8Array(Math.max(64 * 1024, (this.arenaUsed - this.arenaGarbage) * 2)) : this.arena;
    let used = compact ? 0 : this.arenaUsed;
    for (let q = 0; q < old.length; q += SLOT) {
      if (old[q + 1] === 0) continue;
      let p = old[q] & mask;
      while (slots[SLOT * p + 1] !== 0) p = (p + 1) & mask;
      const r = SLOT * p;
      slots.set(old.subarray(q, q + SLOT), r);
      if (compact) {
        const at = old[q + 2];
        const len = old[q + 3];
        arena.set(this.arena.subarray(at, at + len), used);
        slots[r + 2] = used;
        used += len;
      }
    }
    this.slots = slots;
    this.mask = mask;
    if (compact) {
      this.arena = arena;
      this.arenaUsed = used;
      this.arenaGarbage = 0;
    }
  }
}

/** Int32s per slot */
const SLOT = 4;

/** FNV-1a 32 with a final mix (the table uses the low bits) */
function hashBytes(buf: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i], 0x01000193);
  return mix(h);
}

function hashAscii(name: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return mix(h);
}

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return h ^ (h >>> 13);
}
