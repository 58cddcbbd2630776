import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { DrizzleQueryError } from 'drizzle-orm';
import { Browser } from '../test/app.js';
import { createLoggedApp, failReads, failWrites, type LoggedApp } from '../test/fuzz-app.js';
import { errorForLog, errorSummary } from '../core/log.js';
import { listAgencies } from '../modules/org/service.js';
import { foiApplications } from '../modules/foi/schema.js';
import { todayInShanghai, addDays } from '../core/calendar/dates.js';

// Unique values a person might type: none of them may reach the log, whatever happens.
const tag = randomBytes(4).toString('hex');
const M = {
  name: `gkname${tag}`,
  email: `gkmail${tag}@example.com`,
  address: `gkaddr${tag}`,
  content: `gkcontent${tag}城关镇材料`,
  purpose: `gkpurpose${tag}`,
  username: `gkuser${tag}`,
  password: `gkpass${tag}`,
  q: `gkquery${tag}`,
  code: `gkcode${tag}`,
  secret: `gksecret${tag}`,
  supplement: `gksupply${tag}`,
};
const PHONE = `139${String(parseInt(tag, 16) % 1e8).padStart(8, '0')}`;
const ID = '11010519491231002X';
const MARKERS = [...Object.values(M), PHONE, ID];

const cookiesOf = (b: Browser) => (b as unknown as { cookieHeader(): string }).cookieHeader();

describe('no personal data in the log', () => {
  let t: LoggedApp;
  let town = 0;
  const fields = (over: Record<string, string> = {}) => ({
    agencyId: String(town), applicantType: 'natural', name: M.name, idType: '居民身份证', idNumber: ID, phone: PHONE, email: M.email,
    address: M.address, content: M.content, purpose: M.purpose, form: 'electronic', delivery: 'online', ...over,
  });

  async function multipart(who: Browser, url: string, from: string, values: Record<string, string>) {
    const page = await who.get(from);
    const token = new RegExp(`action="${url}"[^>]*>(?:[^<]*<[^>]*>)*?<input type="hidden" name="_csrf" value="([^"]+)"`).exec(page.body)?.[1]
      ?? /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    assert.ok(token, `${from} has a form with a CSRF token`);
    const boundary = '----gklog' + randomBytes(6).toString('hex');
    const parts = Object.entries({ _csrf: token!, ...values }).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
    const res = await t.app.inject({
      method: 'POST', url, payload: parts.join('') + `--${boundary}--\r\n`,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: cookiesOf(who), accept: 'text/html' },
    });
    who.keep(res);
    return res;
  }
  const api = (method: 'GET' | 'POST', url: string, body?: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method, url, headers: { 'content-type': 'application/json', accept: 'application/json', ...headers }, payload: body === undefined ? undefined : JSON.stringify(body) });
  const unhandled = () => t.log.filter((l) => l.includes('"unhandled error"')).length;

  /** Runs `request` with `table` made to fail, and checks it was a 500 that the log recorded. */
  async function withFailure(how: typeof failReads, table: string, request: () => Promise<{ statusCode: number }>) {
    const before = unhandled();
    const restore = await how(t.database.db, table);
    try {
      assert.equal((await request()).statusCode, 500, `a forced failure on ${table} is an internal error`);
    } finally {
      await restore();
    }
    assert.equal(unhandled(), before + 1, 'the error was logged');
  }

  before(async () => {
    t = await createLoggedApp();
    town = (await listAgencies(t.database.db)).find((a) => a.name === '城关镇')!.id;
  });
  after(async () => t?.close());

  it('logs a failed query as its class, SQLSTATE, statement keyword and table and stack frames, without values', () => {
    const cause = Object.assign(new Error(`duplicate key: Key (name)=(${M.name}) already exists`), { code: '23505', detail: `Key (phone)=(${PHONE})`, constraint: 'foi_applications_code_uq', table: 'foi_applications' });
    const err = new DrizzleQueryError('insert into "foi_applications" ("name", "phone") values ($1, $2)', [M.name, `x\n    at ${M.address} (file:///evil.ts:1:1)`], cause);
    const logged = JSON.stringify(errorForLog(err));
    for (const m of MARKERS) assert.ok(!logged.includes(m), `${m} is not in ${logged}`);
    const e = JSON.parse(logged);
    assert.equal(e.type, 'DrizzleQueryError');
    assert.equal(e.sql, 'insert into "foi_applications"');
    assert.deepEqual(e.cause, { type: 'Error', code: '23505', constraint: 'foi_applications_code_uq', table: 'foi_applications' });
    assert.match(e.stack, /^at .*log-privacy\.test\.ts:\d+:\d+/, 'the frames stay, the message line goes');
    assert.equal(errorSummary(err), 'DrizzleQueryError 23505 (insert into "foi_applications")', 'what a job logs when it fails');
  });

  it('keeps values out whichever way an error is handed to the logger', () => {
    const err = new DrizzleQueryError('update "users" set "display_name" = $1 where "id" = $2', [M.name, 7], new Error(M.email));
    const from = t.log.length;
    t.app.log.error({ err }, 'unhandled error');
    t.app.log.error({ err }); // pino would take the message from the error
    t.app.log.error(err);
    t.app.log.warn({ err }, err.message); // as Fastify's default error handler does
    t.app.log.info({ failure: err, cause: new TypeError(`Invalid URL: ${M.address}`) }, 'other keys');
    const written = t.log.slice(from);
    assert.equal(written.length, 5);
    assert.deepEqual(t.leaked(MARKERS), []);
    assert.ok(written.every((l) => l.includes('"type":"DrizzleQueryError"') && l.includes('update \\"users\\"')), written.join(''));
  });

  it('holds nothing of what citizens submit through the public forms and the API, on success, refusal or failure', async () => {
    const citizen = new Browser(t.app);
    // 依申请公开 form: accepted, refused, failing inside the database.
    assert.equal((await multipart(citizen, '/yishenqing/apply', '/yishenqing/apply', fields())).statusCode, 303);
    assert.equal((await multipart(citizen, '/yishenqing/apply', '/yishenqing/apply', fields({ phone: `abc${M.name}`, postcode: M.address, email: M.name }))).statusCode, 400);
    await withFailure(failWrites, 'foi_applications', () => multipart(citizen, '/yishenqing/apply', '/yishenqing/apply', fields()));

    // The JSON API, the same three ways, and a wrong-typed body.
    const ok = await api('POST', '/api/v1/applications', { ...fields(), agencyId: town });
    assert.equal(ok.statusCode, 201, ok.body);
    const { code, secret } = ok.json() as { code: string; secret: string };
    assert.equal((await api('POST', '/api/v1/applications', { ...fields(), phone: M.name, submitKey: { x: M.code } })).statusCode, 400);
    await withFailure(failWrites, 'foi_applications', () => api('POST', '/api/v1/applications', { ...fields(), agencyId: town }));
    assert.equal((await api('GET', `/api/v1/applications/${M.code}`, undefined, { 'x-application-secret': M.secret })).statusCode, 404);
    await withFailure(failReads, 'foi_applications', () => api('GET', `/api/v1/applications/${M.code}?secret=${M.secret}`));

    // Follow-up with a wrong code, then with the database failing.
    assert.equal((await citizen.post('/yishenqing/follow', { code: M.code, secret: M.secret })).statusCode, 404);
    await withFailure(failReads, 'foi_applications', () => citizen.post('/yishenqing/follow', { code: M.code, secret: M.secret }));

    // 补正: the office asks for it, the applicant supplies it (refused empty, failing, accepted).
    const [row] = await t.database.db.select({ id: foiApplications.id }).from(foiApplications).where(eq(foiApplications.code, code));
    const clerk = new Browser(t.app);
    await clerk.login('chengguan');
    assert.equal((await clerk.post(`/admin/foi/${row!.id}/confirm`, {}, { from: `/admin/foi/${row!.id}` })).statusCode, 303);
    assert.equal((await clerk.post(`/admin/foi/${row!.id}/supplement`, { items: '请说明所需材料的年份。', dueOn: addDays(todayInShanghai(), 20) }, { from: `/admin/foi/${row!.id}` })).statusCode, 303);
    assert.equal((await citizen.post('/yishenqing/follow', { code, secret })).statusCode, 303);
    assert.equal((await multipart(citizen, '/yishenqing/progress/supplement', '/yishenqing/progress', { text: '' })).statusCode, 400);
    await withFailure(failWrites, 'foi_events', () => multipart(citizen, '/yishenqing/progress/supplement', '/yishenqing/progress', { text: M.supplement }));
    assert.equal((await multipart(citizen, '/yishenqing/progress/supplement', '/yishenqing/progress', { text: M.supplement })).statusCode, 303);

    // Sign-in: an unknown account, a wrong password, the database failing.
    const visitor = new Browser(t.app);
    assert.equal((await visitor.post('/login', { username: M.username, password: M.password, next: `/admin?x=${M.q}` })).statusCode < 500, true);
    assert.equal((await visitor.post('/login', { username: 'hexi', password: M.password })).statusCode < 500, true);
    await withFailure(failReads, 'users', () => visitor.post('/login', { username: M.username, password: M.password }));

    // Search, page and API, and with the index failing.
    assert.equal((await visitor.get(`/search?q=${M.q}`)).statusCode, 200);
    assert.equal((await api('GET', `/api/v1/search?q=${M.q}&theme=${M.name}`)).statusCode < 500, true);
    // (another query: the one above may be answered from the short result cache)
    await withFailure(failReads, 'search_entries', () => visitor.get(`/search?q=${encodeURIComponent(M.q)}b`));

    // Paths and queries that carry values, bad encodings among them.
    for (const url of [`/xxgk/${M.code}`, `/xxgk/${M.code}%FF`, `/yishenqing/files/${M.code}/1?exp=1&sig=${M.secret}`, `/${M.name}?q=${M.q}`, `/prefs?back=/${M.address}`]) {
      assert.ok((await visitor.get(url)).statusCode < 500, url);
    }

    assert.ok(t.log.some((l) => l.includes('"incoming request"') && l.includes('"route":"/api/v1/applications/:code"')), 'requests are logged by route');
    assert.ok(t.log.some((l) => l.includes('"sql":"insert into \\"foi_applications\\""') && l.includes('"code":"P0001"')), 'a failed statement is named with its SQLSTATE');
    assert.deepEqual(t.leaked(MARKERS), [], 'no submitted value in the log');
    assert.deepEqual(t.leaked(['gk_csrf=', 'gk_sid=', 'gk_follow=', '"cookie"', 'x-application-secret']), [], 'no cookie or secret header either (a plugin logs request headers at trace level)');
  });
});
