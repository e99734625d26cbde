/** Bulk API 2.0 for the emulator: mount `bulk2Router(ctx)` at `/services/data/:version/jobs`. */
export { type Bulk2Options, bulk2Router } from './bulk2-router.js';
export { ColumnDelimiter, CsvFormatError, LineEnding, parseCsv } from './csv.js';
export { JobRegistry } from './job-registry.js';
export { DEFAULT_QUERY_PAGE_SIZE } from './query-job.js';
