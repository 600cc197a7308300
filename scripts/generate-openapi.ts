import fs from 'node:fs';
import { renderOpenApiDocument } from './openapi-document.js';

const file = new URL('../openapi/openapi.json', import.meta.url);
fs.writeFileSync(file, renderOpenApiDocument());
console.log(`wrote ${file.pathname}`);
