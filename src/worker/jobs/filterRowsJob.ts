/**
 * The rows grid's filter, off the extension host's thread: parses the expression (a FilterSyntaxError comes back
 * as a failure with its code) and streams the dataset. Progress messages carry the matches so far as their text.
 */
import type { Progress } from '../../core/data/job.js';
import { parseFilter, scanFilter } from '../../core/io/rowFilter/index.js';
import type { FilterScanResult } from '../../core/io/rowFilter/index.js';
import type { FilterRowsParams } from '../../protocol/worker/workerProtocol.js';

export async function runFilterRows(params: FilterRowsParams, options: { onProgress?: (p: Progress) => void } = {}): Promise<FilterScanResult> {
  const expr = parseFilter(params.expression);
  return scanFilter(params.dataset, expr, {
    keepCells: params.keepCells,
    onProgress: (p) => options.onProgress?.({ done: p.done, total: p.total, unit: p.unit, message: String(p.matches) }),
  });
}
