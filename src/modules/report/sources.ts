import { reportCases, reviewRecords } from '../foi/report-data.js';

/**
 * Where tables 3 and 4 read their records: the applications module. A seam, so the report's
 * own tests can feed hand-made records without depending on how applications are stored.
 */
export const reportSources = { cases: reportCases, reviews: reviewRecords };
