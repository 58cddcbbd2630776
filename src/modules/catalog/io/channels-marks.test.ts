import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { STANDARD_CHANNELS } from '../types.js';
import { formatChannels, parseChannels } from './channels.js';
import { levelOfLabel, parseMark } from './marks.js';
import { isSameAsAbove } from './rows.js';

describe('parseChannels', () => {
  it('reads the template checklist, keeping only ■ boxes', () => {
    const cell = '■政府网站 □政府公报 ■两微一端 □发布会/听证会 □广播电视 □纸质媒体 □公开查阅点 ■政务服务中心 □便民服务站 □入户/现场 □社区/企事业单位/村公示栏(电子屏) □精准推送 □其他';
    assert.deepEqual(parseChannels(cell), { channels: ['政府网站', '两微一端', '政务服务中心'], otherChannels: [] });
  });

  it('accepts ☑ and √ as ticked boxes and ☐ as an empty one, with or without spaces', () => {
    assert.deepEqual(parseChannels('☑政府网站☐政府公报√纸质媒体'), { channels: ['政府网站', '纸质媒体'], otherChannels: [] });
  });

  it('reads plain names separated by 、 , ， ; ； spaces or new lines as chosen', () => {
    const got = parseChannels('政府网站、政府公报,两微一端，广播电视;纸质媒体；公开查阅点 政务服务中心\n便民服务站');
    assert.deepEqual(got.channels, STANDARD_CHANNELS.slice(0, 9).filter((c) => c !== '发布会/听证会'));
  });

  it('maps wording variants to the standard channel names', () => {
    const got = parseChannels('■发布会听证会 ■村居/企事业单位公示栏（电子屏） ■入户／现场');
    assert.deepEqual(got, { channels: ['发布会/听证会', '入户/现场', '社区/企事业单位/村公示栏(电子屏)'], otherChannels: [] });
  });

  it('keeps chosen local channels in order and drops unticked ones', () => {
    const got = parseChannels('■政府网站 □12345政务服务热线 ■公共资源交易平台 ■信用中国网站 ■公共资源交易平台');
    assert.deepEqual(got, { channels: ['政府网站'], otherChannels: ['公共资源交易平台', '信用中国网站'] });
  });

  it('reads "其他 法律服务网" and "其他：法律服务网" as 其他 plus a local channel', () => {
    const expected = { channels: ['其他' as const], otherChannels: ['法律服务网'] };
    assert.deepEqual(parseChannels('■其他 法律服务网'), expected);
    assert.deepEqual(parseChannels('■其他：法律服务网'), expected);
    assert.deepEqual(parseChannels('■其他（法律服务网）'), expected);
    assert.deepEqual(parseChannels('□其他 法律服务网'), { channels: [], otherChannels: [] });
  });

  it('reads an empty cell as no channels', () => {
    assert.deepEqual(parseChannels(''), { channels: [], otherChannels: [] });
  });

  it('formats all 13 boxes and then the local channels, and reads that back', () => {
    const text = formatChannels(['政府网站', '其他'], ['投资项目在线审批监管平台']);
    assert.equal(text.split(' ').length, 14);
    assert.ok(text.endsWith('■其他 ■投资项目在线审批监管平台'));
    assert.deepEqual(parseChannels(text), { channels: ['政府网站', '其他'], otherChannels: ['投资项目在线审批监管平台'] });
  });
});

describe('parseMark', () => {
  it('reads √ ✓ ✔ ● ■ 是 Y as ticked and blank □ 否 as not ticked', () => {
    for (const m of ['√', '✓', '✔', '●', '■', '是', 'Y', 'y', ' √ ']) assert.equal(parseMark(m), true, m);
    for (const m of ['', '□', '否', '  ']) assert.equal(parseMark(m), false, m);
  });

  it('refuses anything else rather than guessing', () => {
    for (const m of ['有', 'x', '×', '1', '√√', '主动']) assert.equal(parseMark(m), null, m);
  });
});

describe('levelOfLabel', () => {
  it('maps county, township and village tier names', () => {
    const cases = {
      县级: 'county', 区级: 'county', 市级: 'county', 东阳市级: 'county',
      乡级: 'township', 镇级: 'township', '乡、村级': 'township', '镇(街)级': 'township', 镇街乡: 'township', 街道: 'township',
      村级: 'village', 村: 'village',
    } as const;
    for (const [label, level] of Object.entries(cases)) assert.equal(levelOfLabel(label), level, label);
    assert.equal(levelOfLabel('省级'), null);
  });
});

describe('isSameAsAbove', () => {
  it('recognises 同上, 同 and 同上。 but not longer text', () => {
    for (const t of ['同上', '同', '同上。', '同 上', '同上.']) assert.equal(isSameAsAbove(t), true, t);
    for (const t of ['同上级', '如同上年', '', '上']) assert.equal(isSameAsAbove(t), false, t);
  });
});
