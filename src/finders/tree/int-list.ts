/** A growable list of int32 in one typed array. */
export class IntList {
  data: Int32Array<ArrayBuffer>;
  length = 0;

  constructor(capacity = 16) {
    this.data = new Int32Array(capacity);
  }

  /** Appends `v`; returns the new length. */
  push(v: number): number {
    if (this.length === this.data.length) {
      const grown = new Int32Array(Math.max(8, this.data.length * 2));
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = v;
    return this.length;
  }

  clear(): void {
    this.length = 0;
  }
}

/** A copy of `a` resized to `capacity` elements; new slots hold `fill`. */
export function resizeInt32(a: Int32Array, capacity: number, fill = 0): Int32Array<ArrayBuffer> {
  const out = new Int32Array(capacity);
  out.set(a.length <= capacity ? a : a.subarray(0, capacity));
  if (fill !== 0 && capacity > a.length) out.fill(fill, a.length);
  return out;
}

export function resizeUint8(a: Uint8Array, capacity: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(capacity);
  out.set(a.length <= capacity ? a : a.subarray(0, capacity));
  return out;
}

export function resizeUint16(a: Uint16Array, capacity: number): Uint16Array<ArrayBuffer> {
  const out = new Uint16Array(capacity);
  out.set(a.length <= capacity ? a : a.subarray(0, capacity));
  return out;
}

export function resizeUint32(a: Uint32Array, capacity: number): Uint32Array<ArrayBuffer> {
  const out = new Uint32Array(capacity);
  out.set(a.length <= capacity ? a : a.subarray(0, capacity));
  return out;
}
