/**
 * The text fields of a `multipart/form-data` body. graphite-web's federating front ends send
 * their find and render requests this way when REMOTE_STORE_USE_POST is on (urllib3's default
 * encoding of `fields`). File parts are read as fields too: graphite sends none.
 * Returns null when the body is not well-formed multipart with this boundary.
 */
export function parseMultipartForm(body: Buffer, boundary: string): URLSearchParams | null {
  const delimiter = Buffer.from(`--${boundary}`);
  const fields = new URLSearchParams();
  let at = body.indexOf(delimiter);
  if (at < 0) return null;
  for (;;) {
    at += delimiter.length;
    // "--" after a delimiter closes the body; anything after it is an ignored epilogue
    if (body[at] === 0x2d && body[at + 1] === 0x2d) return fields;
    if (body[at] !== 0x0d || body[at + 1] !== 0x0a) return null;
    const headersEnd = body.indexOf('\r\n\r\n', at + 2);
    if (headersEnd < 0) return null;
    const name = fieldName(body.toString('utf8', at + 2, headersEnd));
    const next = body.indexOf(Buffer.concat([CRLF, delimiter]), headersEnd + 4);
    if (next < 0 || name === null) return null;
    fields.append(name, body.toString('utf8', headersEnd + 4, next));
    at = next + 2;
  }
}

const CRLF = Buffer.from('\r\n');

/** `name` of the part's Content-Disposition: form-data header, quoted or not. */
function fieldName(headers: string): string | null {
  for (const line of headers.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0 || line.slice(0, colon).trim().toLowerCase() !== 'content-disposition') continue;
    const m = /;\s*name=(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/i.exec(line.slice(colon + 1));
    if (!m) return null;
    return m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2];
  }
  return null;
}

/** The boundary parameter of a multipart Content-Type, or null. */
export function multipartBoundary(contentType: string): string | null {
  const m = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m ? (m[1] ?? m[2]) : null;
}
