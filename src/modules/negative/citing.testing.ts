// For tests of the modules that cite the negative list: an entry drafted by the agency's editor
// and published by the office, through the services, as staff would.
import type { Ctx } from '../../core/context.js';
import { createEntry, publishEntry, type EntryInput } from './entries.js';

export const TIAOLI = '《中华人民共和国政府信息公开条例》';

/** A published entry of the editor's agency: Art. 15 (保护第三方合法权益) unless `over` says otherwise. */
export async function publishedEntry(editor: Ctx, office: Ctx, over: EntryInput = {}): Promise<number> {
  const id = await createEntry(editor, {
    agencyId: editor.actor!.agencyId, category: 'art15', reportRow: 'withheld_third_party', matter: '被征收人的身份证号码、银行账号、家庭住址等个人信息',
    lawName: TIAOLI, lawVersion: '2019-04-03', article: '第十五条', force: 'mandatory', releaseCondition: '权利人同意公开的', reviewMonths: '12', ...over,
  });
  await publishEntry(office, id);
  return id;
}

/** An entry left as a draft (not citable). */
export async function draftEntry(editor: Ctx, over: EntryInput = {}): Promise<number> {
  return createEntry(editor, {
    agencyId: editor.actor!.agencyId, category: 'art16', reportRow: 'withheld_process', matter: '尚未发布的过程性信息事项', lawName: TIAOLI,
    lawVersion: '2019-04-03', article: '第十六条第二款', force: 'discretionary', reviewMonths: '12', ...over,
  });
}
