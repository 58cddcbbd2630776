// Every table, for drizzle-kit and the typed client. Modules own their tables; this only gathers them.
export * from '../modules/org/schema.js';
export * from '../modules/account/schema.js';
export * from '../core/audit/schema.js';
export * from '../modules/catalog/schema.js';
export * from '../modules/info/schema.js';
export * from '../core/calendar/schema.js';
export * from '../core/search/schema.js';
export * from '../core/files/schema.js';
export * from '../modules/foi/schema.js';
export * from '../modules/report/schema.js';
