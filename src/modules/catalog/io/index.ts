/** Import and export of an agency's 基层政务公开标准目录 in the spreadsheet layout governments publish. */
export type { FileHints, ImportError, ImportResult } from './result.js';
export { checkProvenance, type KnownNames, type Provenance } from './provenance.js';
export { MAX_CELL_CHARS, MAX_DATA_ROWS } from './result.js';
export { importCatalogXlsx } from './parse-xlsx.js';
export { importCatalogCsv } from './parse-csv.js';
export { exportCatalogXlsx } from './write-xlsx.js';
export { exportCatalogCsv, exportCatalogJson } from './write.js';
export { canonicalItem } from './canonical.js';
export { parseChannels, formatChannels } from './channels.js';
