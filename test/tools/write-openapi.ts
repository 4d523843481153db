// npm run openapi: writes openapi.yaml from the routes' schemas (test/routes/openapi.test.ts
// fails while the checked-in file differs from what the code generates).
import { writeFileSync } from 'node:fs';
import { generatedOpenApiYaml } from '../helpers/openapi-document.js';

writeFileSync('openapi.yaml', await generatedOpenApiYaml());
console.log('wrote openapi.yaml');
