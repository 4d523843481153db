import { openApiYaml } from '../../src/routes/server/openapi.js';
import { startTestApp } from './app.js';

/** The OpenAPI document the code generates from its route schemas, as openapi.yaml holds it. */
export async function generatedOpenApiYaml(): Promise<string> {
  const t = await startTestApp({ carbon: { enabled: false }, pickle: { enabled: false } });
  try {
    await t.app.http.ready();
    return openApiYaml(t.app.http);
  } finally {
    await t.destroy();
  }
}
