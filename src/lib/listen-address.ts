/** Splits `HOST:PORT` (or `[v6]:PORT`, or `:PORT` for every interface). */
export function parseListenAddress(text: string): { host: string; port: number } {
  const i = text.lastIndexOf(':');
  let host = text.slice(0, i);
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  return { host: host === '' ? '0.0.0.0' : host, port: Number(text.slice(i + 1)) };
}
