import { STANDARD_CHANNELS, type CatalogItemInput, type Level } from '../types.js';
import { cleanText } from './cell-text.js';

const LEVEL_ORDER: readonly Level[] = ['county', 'township', 'village'];

/**
 * The form an item takes after a trip through a spreadsheet: text trimmed with LF line breaks,
 * empty 三级事项/事项编码 as null, channels and levels in template order without repeats.
 * Importers return items in this form and exporters write it, so import(export(x)) equals canonicalItem(x).
 */
export function canonicalItem(item: CatalogItemInput): CatalogItemInput {
  const others: string[] = [];
  for (const o of item.otherChannels) {
    const t = cleanText(o);
    if (t && !others.includes(t)) others.push(t);
  }
  return {
    level1: cleanText(item.level1),
    level2: cleanText(item.level2),
    level3: cleanText(item.level3 ?? '') || null,
    itemCode: cleanText(item.itemCode ?? '') || null,
    content: cleanText(item.content),
    basis: cleanText(item.basis),
    timeLimitText: cleanText(item.timeLimitText),
    subject: cleanText(item.subject),
    channels: STANDARD_CHANNELS.filter((c) => item.channels.includes(c)),
    otherChannels: others,
    audiencePublic: item.audiencePublic,
    audienceSpecific: item.audienceSpecific,
    modeActive: item.modeActive,
    modeOnRequest: item.modeOnRequest,
    levels: LEVEL_ORDER.filter((l) => item.levels.includes(l)),
  };
}
