// Lints the app's OpenAPI document with Redocly's `recommended` ruleset.
//
//   npm run lint:openapi [-- <more redocly lint options, e.g. --format=stylish>]
//
// Builds the whole app the way the tests do (src/test/app.ts: in-memory PGlite, migrated and
// seeded), fetches /api/v1/openapi.json with app.inject (no port is opened), writes it to a
// temporary file and runs `redocly lint --extends=recommended` on it. No redocly.yaml is used:
// the ruleset is chosen on the command line. The exit code is redocly's (non-zero when it reports
// an error; warnings alone pass).
//
// Redocly is kept off the network: REDOCLY_TELEMETRY=off stops its usage telemetry (sent to
// otel.cloud.redocly.com) and REDOCLY_SUPPRESS_UPDATE_NOTICE=true its "new version" check (a
// fetch of the npm registry); `recommended` is built in and the document has no external $refs.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const redocly = join(root, 'node_modules', '.bin', 'redocly');
const URL = '/api/v1/openapi.json';

// Always the embedded in-memory database, even where the PostgreSQL test stage set this.
delete process.env.TEST_DATABASE_URL;
const { createTestApp } = await import('../src/test/app.js');

async function fetchDocument(): Promise<string> {
  const t = await createTestApp();
  try {
    const res = await t.app.inject({ method: 'GET', url: URL });
    if (res.statusCode !== 200) throw new Error(`GET ${URL} answered ${res.statusCode}: ${res.body.slice(0, 500)}`);
    return JSON.stringify(JSON.parse(res.body), null, 2) + '\n';
  } finally {
    await t.close();
  }
}

function lint(file: string, extra: string[]): Promise<number> {
  const args = ['lint', '--extends=recommended', ...extra, file];
  console.log(`$ redocly ${args.join(' ')}`);
  return new Promise((done, fail) => {
    const child = spawn(redocly, args, {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    });
    child.on('error', fail);
    child.on('close', (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

const dir = mkdtempSync(join(tmpdir(), 'gongkai-openapi-'));
let code = 1;
try {
  const file = join(dir, 'openapi.json');
  writeFileSync(file, await fetchDocument());
  code = await lint(file, process.argv.slice(2));
} catch (err) {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  code = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(code);
