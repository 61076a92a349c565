// The CSV writer lives in @cadre/core (the web app's chart tables use the same one).
export { BOM, csvField, toCsv } from '@cadre/core';
