// Labels in other tools' formats: fitting them to the ontology, finding their images, and packing exports.
export { zipFiles } from './archive.ts';
export { receive, type Received } from './upload.ts';
export { MediaResolver, type MediaPlaces } from './media.ts';
export { OntologyMapper } from './ontology-map.ts';
export { labelFormatOf } from './detect.ts';
