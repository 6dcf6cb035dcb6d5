/** Row filters: `fare > 100 and payment_type = "Cash"`, parsed (never evaluated as code) and streamed over a dataset. */
export type { CompareOp, FilterExpr, FilterValue } from './filterParser.js';
export { FilterSyntaxError, filterColumns, parseFilter } from './filterParser.js';
export { matchesFilter } from './filterEval.js';
export type { CellLookup } from './filterEval.js';
export { scanFilter } from './filterScan.js';
export type { FilterScanOptions, FilterScanResult } from './filterScan.js';
