/** The Parquet reader's public surface (hyparquet + hyparquet-compressors underneath). */
export { DEFAULT_PARQUET_BATCH_ROWS, readParquetDataset, readParquetParts } from './parquetReader.js';
export type { ParquetPart, ParquetReadOptions } from './parquetReader.js';
export { planParquetChunks } from './parquetPlan.js';
export { openParquet, PARQUET_MAGIC } from './parquetFile.js';
export { planParquetFeatures } from './parquetSchema.js';
export type { ParquetFeature, ParquetFeaturePlan, UnsupportedColumn } from './parquetSchema.js';
