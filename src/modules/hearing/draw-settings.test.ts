import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, Browser, type TestApp } from '../../test/app.js';
import { demoActors } from '../../test/actors.js';
import type { Ctx } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { createConsultation, publishConsultation, localDateTime } from '../participation/consultations.js';
import { announceMeeting, createMeeting } from './meetings.js';
import { drawParticipants, register, registrationsOf } from './registrations.js';
import { getHearSettings } from './settings.js';

const DAY = 86_400_000;
const KEY = Buffer.alloc(32, 7);

describe('hearing: the random drawing and the settings page', () => {
  let t: TestApp;
  let as: (u: string) => Ctx;
  let meeting = 0;
  const now = Date.now();
  before(async () => {
    t = await createTestApp({ PUBLIC_WRITE_RATE_LIMIT: '1000', PUBLIC_CACHE_TTL: '0' });
    const actors = await demoActors(t.database.db, ['minzheng', 'office']);
    as = (u) => ({ db: t.database.db, actor: actors.get(u)! });
    const c = await createConsultation(as('minzheng'), { title: '关于某某规定公开征求意见', kind: 'other', draftText: '某某规定\n第一条 为了规范某项工作，制定本规定。', methods: ['online', 'hearing'], startsAt: localDateTime(new Date(now - DAY)), endsAt: localDateTime(new Date(now + 30 * DAY)) });
    await publishConsultation(as('minzheng'), c);
    meeting = await createMeeting(as('minzheng'), c, {
      kind: 'hearing', title: '某某规定听证会', startsAt: localDateTime(new Date(now + 10 * DAY)), place: '县政府第一会议室', announcement: '定于近期举行听证会。',
      rule: 'random', ruleText: '由公证人员现场随机抽选。', seats: '2', regOpensAt: localDateTime(new Date(now - DAY)), regClosesAt: localDateTime(new Date(now + 2 * DAY)), capacity: '20', categories: ['affected', 'public'],
    });
    await announceMeeting(as('minzheng'), meeting);
    for (let i = 0; i < 5; i++) await register({ db: t.database.db, key: KEY, address: `192.0.2.${i}` }, meeting, { name: `报名人${i}`, phone: `1380000010${i}`, category: i ? 'public' : 'affected' });
  });
  after(async () => t?.close());

  it('draws only after registration closes, exactly the seats from those waiting, the rest told they were not chosen, once', async () => {
    await assert.rejects(drawParticipants(as('minzheng'), meeting), (e) => e instanceof AppError && e.code === 'still_open');
    const afterClose = new Date(now + 3 * DAY);
    const drawn = await drawParticipants(as('minzheng'), meeting, afterClose);
    assert.equal(drawn.length, 2);
    const rows = await registrationsOf(t.database.db, meeting);
    assert.deepEqual(rows.filter((r) => r.state === 'selected').map((r) => r.id).sort(), [...drawn].sort());
    assert.equal(rows.filter((r) => r.state === 'not_selected').length, 3);
    await assert.rejects(drawParticipants(as('minzheng'), meeting, afterClose), (e) => e instanceof AppError && e.code === 'nobody');
    // Someone not running it (the office of the same county is not the meeting's agency) cannot draw.
    await assert.rejects(drawParticipants(as('office'), meeting, afterClose), (e) => e instanceof AppError && e.status >= 400 && e.status < 500);
  });

  it('lets the office change the settings, refuses bad values in Chinese beside the field and keeps the old ones', async () => {
    const office = new Browser(t.app);
    await office.login('office');
    const form = await office.get('/admin/hearing/settings');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /会议材料提前送达天数/);
    const saved = await office.post('/admin/hearing/settings', { materialsDays: '10', perAddressPerDay: '5' }, { from: '/admin/hearing/settings' });
    assert.equal(saved.statusCode, 303);
    assert.deepEqual(await getHearSettings(t.database.db), { materialsDays: 10, perAddressPerDay: 5 });
    for (const bad of [{ materialsDays: '-1', perAddressPerDay: '5' }, { materialsDays: '<script>alert(1)</script>', perAddressPerDay: "1; DROP TABLE hear_settings" }, { materialsDays: '9'.repeat(500), perAddressPerDay: '0' }]) {
      const r = await office.post('/admin/hearing/settings', bad, { from: '/admin/hearing/settings' });
      assert.equal(r.statusCode, 400, JSON.stringify(bad));
      assert.match(r.body, /[\u4e00-\u9fff]/);
      assert.ok(!r.body.includes('<script>alert(1)'));
    }
    assert.deepEqual(await getHearSettings(t.database.db), { materialsDays: 10, perAddressPerDay: 5 });
    const editor = new Browser(t.app);
    await editor.login('minzheng');
    assert.ok([403, 404].includes((await editor.get('/admin/hearing/settings')).statusCode));
  });

  it('applies the per-address limit from the settings to new registrations', async () => {
    const pctx = { db: t.database.db, key: KEY, address: '198.51.100.99' };
    const c = (await registrationsOf(t.database.db, meeting)).length;
    assert.equal(c, 5);
    // The office set 5 a day per address in the test before; the sixth from one address is refused.
    for (let i = 0; i < 5; i++) await register(pctx, meeting, { name: `同址${i}`, phone: `1390000020${i}`, category: 'public' });
    await assert.rejects(register(pctx, meeting, { name: '同址5', phone: '13900000209', category: 'public' }), (e) => e instanceof AppError && e.status === 429);
  });
});
