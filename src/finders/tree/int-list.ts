/** A growable list of int32 in one typed array. */
export class IntList {
  data: Int32Array<ArrayBuffer>;
  length = 0;

  constructor(capacity = 16) {
    this.data = new Int32Array(capacity);
  }

  push(v: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = v;
  }

  clear(): void {
    this.length = 0;
  }
}

/** A copy of `a` with room for `capacity` elements; new slots hold `fill`. */
export function growInt32(a: Int32Array, capacity: number, fill = 0): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(capacity);
  grown.set(a);
  if (fill !== 0) grown.fill(fill, a.length);
  return grown;
}

export function growUint8(a: Uint8Array, capacity: number): Uint8Array<ArrayBuffer> {
  const grown = new Uint8Array(capacity);
  grown.set(a);
  return grown;
}

export function growUint16(a: Uint16Array, capacity: number): Uint16Array<ArrayBuffer> {
  const grown = new Uint16Array(capacity);
  grown.set(a);
  return grown;
}

export function growUint32(a: Uint32Array, capacity: number): Uint32Array<ArrayBuffer> {
  const grown = new Uint32Array(capacity);
  grown.set(a);
  return grown;
}
