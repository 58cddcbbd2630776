import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PILOT_DOMAINS } from './domains.js';
import { channelsOf, levelsOf, loadTemplateSeeds } from './templates.js';

describe('shipped guide templates', () => {
  const seeds = loadTemplateSeeds();

  it('hold the 134 transcribed rows, with rows for each of the 26 pilot domains', () => {
    assert.equal(seeds.length, 134);
    for (const d of PILOT_DOMAINS) assert.ok(seeds.some((s) => s.domain === d.name), `${d.name} has template rows`);
  });

  it('keep a source on every row, naming the publisher and the page read', () => {
    for (const s of seeds) {
      assert.ok(s.source.length > 4, `${s.domain}/${s.level2}: source`);
      assert.match(s.source, /https?:\/\//, `${s.domain}/${s.level2}: source page`);
    }
  });

  it('mark the rows cut off in their source, and only those', () => {
    const cut = seeds.filter((s) => s.cut);
    assert.equal(cut.length, 34);
    for (const s of cut) assert.match(s.note, /截断/);
    // 城乡规划's second source is partial as a whole, but its 法规文件 row is complete.
    const whole = seeds.find((s) => s.domain === '城乡规划' && s.level2 === '法规文件')!;
    assert.match(whole.note, /部分/);
    assert.equal(whole.cut, false);
    assert.equal(seeds.find((s) => s.domain === '社会救助' && s.level2 === '审核信息')!.cut, true);
  });

  it('leave marks the source did not show unticked rather than guessing', () => {
    const dazhu = seeds.find((s) => s.domain === '社会救助' && s.level2 === '政策法规文件' && s.level1 === '综合业务')!;
    assert.deepEqual([dazhu.audiencePublic, dazhu.audienceSpecific, dazhu.modeActive, dazhu.modeOnRequest, dazhu.levels], [false, false, false, false, []]);
    const daocheng = seeds.find((s) => s.domain === '社会救助' && s.level1 === '临时救助' && s.level2 === '政策法规文件')!;
    assert.deepEqual([daocheng.audiencePublic, daocheng.modeActive, daocheng.levels], [true, true, ['county', 'township']]);
  });

  it('read channel lists without splitting inside brackets, and 其他 with its local channel', () => {
    assert.deepEqual(channelsOf('吉林省建设信息网(农业农村局项目不在此网公开)、敦化公共资源交易网(信息实时交互到省、州公共资源交易服务平台)').otherChannels.length, 2);
    assert.deepEqual(channelsOf('政府网站、其他:办税服务厅'), { channels: ['政府网站', '其他'], otherChannels: ['办税服务厅'] });
    assert.deepEqual(channelsOf('政府网站、两微一端、纸质媒体、公开[截断]'), { channels: ['政府网站', '两微一端', '纸质媒体'], otherChannels: ['公开'] });
  });

  it('read 公开层级 text, 乡、村级 being one township tier', () => {
    assert.deepEqual(levelsOf('县级、乡、村级'), ['county', 'township']);
    assert.deepEqual(levelsOf('县级、镇级'), ['county', 'township']);
    assert.deepEqual(levelsOf('州级、乡、村级'), ['township']);
    assert.deepEqual(levelsOf(''), []);
  });
});
