/**
 * One shared view of a float64 as two uint32 words, so the codecs read and write a value's
 * bits without BigInt. Synchronous use only: callers read the words right after storing.
 */
export const f64 = new Float64Array(1);
export const u32 = new Uint32Array(f64.buffer);

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/** index in `u32` of the sign/exponent word */
export const HI = littleEndian ? 1 : 0;
/** index in `u32` of the low mantissa word */
export const LO = littleEndian ? 0 : 1;

