import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { contentDisposition } from './names.js';

/**
 * Every stored file that is not a published attachment (a draft's, a reply's, an applicant's ID
 * proof or 补正 material) is sent by this one function: always a download, in a sandbox with no
 * origin and nothing it may load, never sniffed as another type, never kept by a shared cache. A
 * hostile file opened from it (a PDF with script, an image that is also HTML) runs nothing on this site.
 */
export const PRIVATE_FILE_CSP = "default-src 'none'; sandbox";

export function sendPrivateFile(reply: FastifyReply, file: { mime: string }, bytes: Buffer, name: string): FastifyReply {
  reply
    .header('content-type', file.mime)
    .header('content-disposition', contentDisposition('attachment', name))
    .header('content-security-policy', PRIVATE_FILE_CSP)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .header('content-length', bytes.length);
  // A stream: the in-memory public page cache keeps only string/Buffer bodies.
  return reply.send(Readable.from([bytes], { objectMode: false }));
}
