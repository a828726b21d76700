/**
 * Reads a request body up to a size limit. Past the limit it keeps draining without storing,
 * so the 413 reaches the client in order and the keep-alive connection stays usable.
 */
import type { IncomingMessage } from 'node:http';

export type BodyResult = { readonly kind: 'ok'; readonly bytes: Buffer } | { readonly kind: 'too-large' };

export function readBody(req: IncomingMessage, limitBytes: number): Promise<BodyResult> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limitBytes) tooLarge = true;
    req.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > limitBytes) {
        tooLarge = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? { kind: 'too-large' } : { kind: 'ok', bytes: Buffer.concat(chunks) }));
    req.on('error', reject);
    // A client that hangs up mid-body never sends 'end'; without this the promise would hang.
    req.on('close', () => {
      if (!req.complete) reject(new Error('request aborted'));
    });
  });
}
