export { err, formatIssue, ok } from './result.ts';
export type { Result, ValidationIssue } from './result.ts';

export { asId, isUuid, newId, uuidv7 } from './ids.ts';
export type { AnnotationId, Brand, ItemId, PredictionId, ProjectId, SubmissionId, TaskId, TeamId, TokenId, UserId } from './ids.ts';

export { canvasPx, degrees, degToRad, metres, minorUnits, normalizeAngle, px, radians, radToDeg, shortestAngleDelta } from './units.ts';
export type { CanvasPx, Degrees, ImagePx, Metres, MinorUnits, Radians } from './units.ts';

export { checkAttributeValue, validateAttributes } from './attributes.ts';
export type { AttributeSpec, BooleanAttribute, EnumAttribute, NumberAttribute, TextAttribute } from './attributes.ts';
export { findClass, parseOntology } from './ontology.ts';
export type { LabelClass, Ontology, SizePrior } from './ontology.ts';
export { itemKindOf, kindMismatch, projectItemKinds } from './item-kinds.ts';
export type { ItemKind } from './item-kinds.ts';

export { CURRENT_SCHEMA_VERSION, migratePayload, migrations, validateAnnotation } from './annotation.ts';
export type { AnnotationPayload, LabeledObject, Migration, ObjectOrigin } from './annotation.ts';
export { emptyPayload, parseStoredPayload, readPayload, StoredPayloadError } from './read-payload.ts';
export type { ReadOptions } from './read-payload.ts';

export { boxCorners, GEOMETRY_KINDS, geometryKinds, isGeometryKind } from './kinds/index.ts';
export type {
  Bbox2dGeometry, Bounds2d, Cuboid3dGeometry, GeometryContext, GeometryKind, GeometryOf, KindModule,
  Point2dGeometry, PolygonGeometry, PolylineGeometry, TextClassGeometry, TextSpanGeometry,
} from './kinds/index.ts';

export { boxIntersectionArea, iou2d } from './geometry/box2d.ts';
export type { Box2d } from './geometry/box2d.ts';
export { clipConvexPolygon, convexIntersectionArea, dropRepeatedPoints, polygonArea, signedPolygonArea } from './geometry/polygon2d.ts';
export type { Point2 } from './geometry/polygon2d.ts';
export { bevIntersectionArea, bevIou, countPointsInCuboid, cuboidCorners2d, iou3d, pointInCuboid } from './geometry/obb.ts';
export type { OrientedBox } from './geometry/obb.ts';
export { densify, pointToPolylineDistance, pointToSegmentDistance, polylineChamfer, polylineHausdorff } from './geometry/polyline.ts';
export type { PolylineDistanceOptions } from './geometry/polyline.ts';
export * from './text/index.ts';

export { EDIT_TOLERANCE, geometryMoved, isEdited, originAgainst, samePayload, withOrigins } from './provenance/compare.ts';
export { classifyOutcomes, outcomeMeasures } from './provenance/outcomes.ts';
export type { OutcomeCounts, OutcomeMeasures, OutcomeRecord, ProposalOutcome, ProposalSet } from './provenance/outcomes.ts';

export * from './checks/index.ts';
export * from './quality/index.ts';
export * from './settings/index.ts';
export { BOM, csvField, toCsv } from './csv.ts';
