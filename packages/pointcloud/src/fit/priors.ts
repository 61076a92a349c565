import type { SizePrior } from '@cadre/core';

/**
 * Typical sizes (metres) for the classes of the common driving datasets, for the CLI and for projects
 * whose ontology names a class without a size prior. An ontology's own prior always wins.
 */
const PRIORS: Record<string, SizePrior> = {
  car: { length: 4.6, width: 1.95, height: 1.7 },
  van: { length: 5.2, width: 2.05, height: 2.1 },
  truck: { length: 7.0, width: 2.5, height: 2.9 },
  bus: { length: 11.0, width: 2.9, height: 3.4 },
  trailer: { length: 10.0, width: 2.9, height: 3.8 },
  construction_vehicle: { length: 6.5, width: 2.8, height: 3.2 },
  pedestrian: { length: 0.7, width: 0.65, height: 1.75 },
  cyclist: { length: 1.8, width: 0.65, height: 1.7 },
  rider: { length: 1.8, width: 0.7, height: 1.7 },
  bicycle: { length: 1.75, width: 0.6, height: 1.3 },
  motorcycle: { length: 2.1, width: 0.8, height: 1.5 },
  motor: { length: 2.1, width: 0.8, height: 1.5 },
};

/** Case-insensitive; `Construction Vehicle`, `construction-vehicle` and `construction_vehicle` match. */
export function defaultPrior(className: string): SizePrior | undefined {
  return PRIORS[className.trim().toLowerCase().replace(/[\s-]+/g, '_')];
}
