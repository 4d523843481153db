import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CapturedRequest } from './render-compare.js';

/**
 * For capture scripts: asks graphite-web at `baseUrl` every `/render` query of `requests`
 * (name -> query string, JSON answers), writes each body verbatim as `<dir>/<name>.json` and
 * returns the index entries (as render-compare's CaptureIndex holds them). A non-200 or
 * non-JSON answer stops the capture, except a 500 when `keepServerErrors` says so: graphite-web's
 * own failure on good input is then listed with its status and no file (its body is a traceback
 * page naming this machine's paths).
 */
export async function captureRenderAnswers(baseUrl: string, requests: Record<string, string>, dir: string, keepServerErrors = false): Promise<Record<string, CapturedRequest>> {
  const out: Record<string, CapturedRequest> = {};
  for (const [name, query] of Object.entries(requests)) {
    const res = await fetch(`${baseUrl}/render?${query}`);
    const body = Buffer.from(await res.arrayBuffer());
    const type = res.headers.get('content-type') ?? '';
    if (res.status === 500 && keepServerErrors) {
      out[name] = { method: 'GET', query, body: null, status: res.status, contentType: type.split(';')[0], file: null };
      console.log(res.status, name);
      continue;
    }
    if (res.status !== 200 || !type.startsWith('application/json')) throw new Error(`${name}: ${res.status} ${type}: ${body.toString().slice(0, 300)}`);
    writeFileSync(join(dir, `${name}.json`), body);
    out[name] = { method: 'GET', query, body: null, status: res.status, contentType: type, file: `${name}.json` };
    console.log(res.status, name);
  }
  return out;
}
