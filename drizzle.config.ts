import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  // Every module's tables: each owns a schema.ts beside its code (core/<part>/ or modules/<name>/).
  schema: ['./src/core/**/schema.ts', './src/modules/**/schema.ts'],
  out: './src/db/migrations',
});
