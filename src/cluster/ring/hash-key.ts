const encoder = new TextEncoder();

/**
 * The bytes of a metric name the relay hashes: the whole name, or for a tagged series
 * (`path;k=v;...`) only the path before the first `;` (carbon-c-relay routes every tagged
 * series of a path together). The name is the one carbyne received, which the relay has
 * already cleaned up (characters it does not allow replaced by `_`, repeated dots folded).
 */
export function relayHashKey(name: string): Uint8Array {
  const semi = name.indexOf(';');
  return encoder.encode(semi < 0 ? name : name.slice(0, semi));
}
