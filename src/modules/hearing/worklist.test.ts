import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../test/app.js';
import { demoActors } from '../../test/actors.js';
import type { Actor } from '../../core/auth/actor.js';
import type { Ctx } from '../../core/context.js';
import { toShanghaiDate } from '../../core/calendar/dates.js';
import { createConsultation, publishConsultation, localDateTime } from '../participation/consultations.js';
import { announceMeeting, createMeeting } from './meetings.js';
import { PNG } from 'pngjs';
import { addMaterial, publishMaterials } from './records.js';
import { hearingWorklist } from './worklist.js';
import { hearMeetings } from './schema.js';

const DAY = 86_400_000;
const DRAFT = '某某办法（征求意见稿）\n第一条 为了规范工作，制定本办法。\n第二条 本办法自发布之日起施行。';

// The office's rule (materials 7 days before, the default) as staff meet it: the worklist warns
// inside the window, publishing late says so, and a meeting held without minutes is chased.
describe('hearing worklist and the materials rule', () => {
  let t: TestApp;
  let actors: Map<string, Actor>;
  const as = (u: string): Ctx => ({ db: t.database.db, actor: actors.get(u)! });
  const work = (u: string) => hearingWorklist({ db: t.database.db, actor: actors.get(u)!, config: t.config, today: toShanghaiDate(new Date()) });
  let soon = 0;
  let held = 0;
  let far = 0;

  before(async () => {
    t = await createTestApp();
    actors = await demoActors(t.database.db, ['minzheng', 'jiaoyu']);
    const now = Date.now();
    const c = await createConsultation(as('minzheng'), { title: '会议提醒测试', kind: 'other', draftText: DRAFT, methods: ['online', 'hearing', 'symposium'], startsAt: localDateTime(new Date(now - DAY)), endsAt: localDateTime(new Date(now + 40 * DAY)) });
    await publishConsultation(as('minzheng'), c);
    const meeting = async (title: string, inDays: number) => {
      const id = await createMeeting(as('minzheng'), c, {
        kind: 'symposium', title, startsAt: localDateTime(new Date(now + inDays * DAY)), place: '县政府会议室', announcement: '公告。',
        rule: 'first_come', regOpensAt: localDateTime(new Date(now - DAY)), regClosesAt: localDateTime(new Date(now + 0.5 * DAY)), capacity: '10', categories: ['public'],
      });
      await announceMeeting(as('minzheng'), id);
      return id;
    };
    soon = await meeting('三天后的座谈会', 3);
    far = await meeting('二十天后的座谈会', 20);
    held = await meeting('已召开的座谈会', 2);
    // Held two days ago (the form takes only future times; the clock moved on).
    await t.database.db.update(hearMeetings).set({ startsAt: new Date(now - 2 * DAY) }).where(eq(hearMeetings.id, held));
  });
  after(async () => t?.close());

  it('warns inside the materials window, chases missing minutes, and shows nothing to another agency', async () => {
    const items = await work('minzheng');
    const of = (id: number) => items.filter((i) => i.href === `/admin/hearing/${id}`);
    assert.equal(of(soon).length, 1);
    assert.equal(of(soon)[0]!.kind, '会议材料或名单未发布');
    assert.match(of(soon)[0]!.note!, /会议材料、参加人名单尚未发布（应于会前 7 天送达）/);
    assert.equal(of(far).length, 0, 'outside the 7-day window: nothing yet');
    assert.equal(of(held)[0]?.kind, '会议笔录未录入');
    assert.match(of(held)[0]!.note!, /2 天前召开/);
    assert.deepEqual(await work('jiaoyu'), []);
  });

  it('says when materials are published later than the rule, and not when in time', async () => {
    const png = PNG.sync.write(new PNG({ width: 2, height: 2 }));
    for (const id of [soon, far]) await addMaterial(as('minzheng'), id, { buffer: png, filename: '会议材料.png' });
    assert.deepEqual(await publishMaterials(as('minzheng'), soon), { late: true, days: 7 });
    assert.equal((await publishMaterials(as('minzheng'), far)).late, false);
    const left = (await work('minzheng')).filter((i) => i.href === `/admin/hearing/${soon}`);
    assert.match(left[0]!.note!, /参加人名单尚未发布/);
    assert.ok(!left[0]!.note!.includes('会议材料、'), 'materials no longer missing');
  });
});
