// Personal data of applicants at rest. The ID number is encrypted (AES-256-GCM, random nonce), and a
// keyed hash of it lets the platform recognise the same applicant (monthly fee count, repeats)
// without decrypting. Both keys come from FOI_DATA_KEY, never from the database.
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const subKey = (key: Buffer, purpose: string) => createHmac('sha256', key).update(purpose).digest();

/** "v1:" + base64(nonce | tag | ciphertext). */
export function encryptText(key: Buffer, plain: string): string {
  const nonce = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', subKey(key, 'id-number'), nonce);
  const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
  return 'v1:' + Buffer.concat([nonce, c.getAuthTag(), body]).toString('base64');
}

export function decryptText(key: Buffer, stored: string): string {
  if (!stored.startsWith('v1:')) throw new Error('unknown encryption format');
  const raw = Buffer.from(stored.slice(3), 'base64');
  const d = createDecipheriv('aes-256-gcm', subKey(key, 'id-number'), raw.subarray(0, 12));
  d.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
}

/** Same person, same key: the ID number upper-cased without spaces (or the organisation's code). */
export const applicantKeyOf = (key: Buffer, idNumber: string): string =>
  createHmac('sha256', subKey(key, 'applicant')).update(idNumber.replace(/\s+/g, '').toUpperCase()).digest('hex');

/** 110101199003071234 → 1101**********1234; short values keep only their last character. */
export function maskId(id: string): string {
  const s = id.replace(/\s+/g, '');
  if (s.length <= 4) return '*'.repeat(Math.max(s.length - 1, 0)) + s.slice(-1);
  const keep = s.length >= 15 ? 4 : 2;
  return s.slice(0, keep) + '*'.repeat(s.length - keep - 4) + s.slice(-4);
}

export const maskPhone = (p: string): string => (p.length >= 7 ? p.slice(0, 3) + '****' + p.slice(-4) : '*'.repeat(p.length));
export const maskName = (n: string): string => ([...n].length <= 1 ? n : [...n][0] + '*'.repeat([...n].length - 1));

/** Query code and secret for the applicant. The code avoids look-alike characters. */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const randomText = (n: number) => [...randomBytes(n)].map((b) => CODE_ALPHABET[b % 32]).join('');
export const newCode = (year: number): string => `${year}-${randomText(8)}`;
export const newSecret = (): string => randomText(16); // 80 bits
export const hashSecret = (s: string): string => createHash('sha256').update(s.trim().toUpperCase()).digest('hex');
export function secretMatches(stored: string, given: string): boolean {
  const a = Buffer.from(stored, 'hex');
  const b = Buffer.from(hashSecret(given), 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Links to disclosed files on the follow-up page: valid for an hour, for that case and file only. */
export const DOWNLOAD_TTL_S = 3600;
const downloadMac = (key: Buffer, code: string, fileId: number, exp: number) =>
  createHmac('sha256', subKey(key, 'download')).update(`${code}:${fileId}:${exp}`).digest('base64url');

export function signDownload(key: Buffer, code: string, fileId: number, now = Date.now()): { exp: number; sig: string } {
  const exp = Math.floor(now / 1000) + DOWNLOAD_TTL_S;
  return { exp, sig: downloadMac(key, code, fileId, exp) };
}

export function downloadValid(key: Buffer, code: string, fileId: number, exp: number, sig: string, now = Date.now()): boolean {
  if (!Number.isInteger(exp) || exp < now / 1000 || typeof sig !== 'string') return false;
  const a = Buffer.from(downloadMac(key, code, fileId, exp));
  const b = Buffer.from(sig);
  return a.length === b.length && timingSafeEqual(a, b);
}
