/** What bench/browser/onnxBackendsPage.ts hands back to bench/onnxWebBackends.ts (DOM-free, so both sides type-check). */
export interface Measured {
  readonly rowsPerSecond: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly maxDiff: number;
}
export interface AdapterFacts {
  readonly vendor: string;
  readonly architecture: string;
  readonly description: string;
  readonly fallback: boolean;
}
export interface OnnxBackendsResult {
  readonly rows: number;
  readonly width: number;
  readonly adapter: AdapterFacts | string;
  readonly runs: Record<string, Measured | string>;
}
