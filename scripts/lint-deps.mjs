// Checks the import rules of .dependency-cruiser.cjs over src/ (npm run lint:deps). depcruise's own
// exit code is the number of violations, which the shell takes modulo 256 (256 violations would
// pass): this prints its report and exits 1 on any violation.
import { spawnSync } from 'node:child_process';

const bin = new URL('../node_modules/.bin/depcruise', import.meta.url).pathname;
const r = spawnSync(bin, ['src', '--config', '.dependency-cruiser.cjs', '--output-type', 'err-long', ...process.argv.slice(2)], { encoding: 'utf8' });
process.stdout.write(r.stdout ?? '');
process.stderr.write(r.stderr ?? '');
if (r.error) throw r.error;
const clean = r.status === 0 && !/\berror\b/.test(r.stdout ?? '');
process.exit(clean ? 0 : 1);
