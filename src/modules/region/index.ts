import type { ModuleManifest } from '../../core/module.js';

/** The city's (or province's) view of the governments below it: 县区推进情况. */
export const regionModule: ModuleManifest = {
  name: 'region',
  label: '县区推进情况',
};
