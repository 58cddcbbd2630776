import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { Browser, createTestApp, type TestApp } from '../../test/app.js';
import { agencies } from '../../core/org/schema.js';

const ACCOUNTS = '/admin/users';

// The region demo: the city's administrator adds a county-level unit under the city and says what it is.
describe('county-level units under a city', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ PUBLIC_CACHE_TTL: '0' }, { region: true });
  });
  after(() => t.close());

  it("lets the city's administrator add a 开发区 as a county-level unit, with its 行政区划类别 checked against its kind", async () => {
    const admin = new Browser(t.app);
    await admin.login('shi-admin');
    const list = await admin.get('/admin/agencies');
    assert.match(list.body, /<option value="county"/, 'a county-level unit can be created');
    const [city] = await t.database.db.select({ id: agencies.id }).from(agencies).where(eq(agencies.name, '示范市人民政府'));
    const created = await admin.post('/admin/agencies', { name: '示范经济技术开发区管理委员会', kind: 'county', parentId: String(city!.id), creditCode: '' });
    assert.equal(created.statusCode, 303, created.body.slice(0, 300));
    const [zone] = await t.database.db.select().from(agencies).where(eq(agencies.name, '示范经济技术开发区管理委员会'));
    assert.equal(zone!.govId, zone!.id, 'it is a government of its own');
    assert.equal(zone!.upperGovId, city!.id);
    // Its facts are its own administrator's to keep, not the city's; the city creates that administrator (and no other account there).
    const facts = (a: { name: string }) => ({ name: a.name, creditCode: '', head: '', officeHours: '', address: '', phone: '', functions: '' });
    assert.equal((await admin.post(`/admin/agencies/${zone!.id}`, { ...facts(zone!), division: '开发区（管委会）' })).statusCode, 403);
    const account = { username: 'kfq-admin', displayName: '开发区系统管理员', agencyId: String(zone!.id), password: 'Zone-Gate-2026-strong', domains: [] as string[] };
    const editorThere = await admin.post(ACCOUNTS, { ...account, username: 'kfq-editor', roles: ['editor'] });
    assert.equal(editorThere.statusCode, 400);
    assert.match(editorThere.body, /下级政府只能由本级创建其系统管理员账号/);
    const made = await admin.post(ACCOUNTS, { ...account, roles: ['admin'] });
    assert.equal(made.statusCode, 303, /class="error-box"[\s\S]{0,600}/.exec(made.body)?.[0]);
    const zoneAdmin = new Browser(t.app);
    await zoneAdmin.login('kfq-admin', 'Zone-Gate-2026-strong');
    assert.equal((await zoneAdmin.post(`/admin/agencies/${zone!.id}`, { ...facts(zone!), division: '开发区（管委会）' })).statusCode, 303);
    const south = new Browser(t.app);
    await south.login('nx-admin');
    const [county] = await t.database.db.select().from(agencies).where(eq(agencies.name, '示范南县人民政府'));
    const bad = await south.post(`/admin/agencies/${county!.id}`, { ...facts(county!), division: '省' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /行政区划类别只能是：县、县级市、市辖区/);
    assert.equal((await south.post(`/admin/agencies/${county!.id}`, { ...facts(county!), division: '县级市' })).statusCode, 303);
    const [after] = await t.database.db.select({ division: agencies.division }).from(agencies).where(eq(agencies.id, county!.id));
    assert.equal(after!.division, '县级市');
    assert.match((await t.app.inject({ url: `/nanxian/agencies/${county!.id}`, headers: { accept: 'text/html' } })).body, /县（市、区）人民政府（县级市）|（县级市）/);
    // A county's administrator cannot add one under the city.
    const refused = await south.post('/admin/agencies', { name: '另一开发区管理委员会', kind: 'county', parentId: String(city!.id), creditCode: '' });
    assert.notEqual(refused.statusCode, 303);
  });

  it("names each county's government beside its staff in the city's account list (the counties' agencies share names)", async () => {
    const admin = new Browser(t.app);
    await admin.login('shi-admin');
    const body = (await admin.get(ACCOUNTS)).body;
    const row = (username: string) => new RegExp(`<td>${username}</td>[\\s\\S]*?</tr>`).exec(body)?.[0] ?? '';
    assert.match(row('nx-office'), /（示范南县人民政府）/);
    assert.match(row('office'), /（示范县人民政府）/);
    assert.doesNotMatch(row('shi-office'), /muted/, 'the city’s own staff need no government beside them');
  });
});
