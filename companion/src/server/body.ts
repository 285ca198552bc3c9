/**
 * Reads a request body up to a byte cap. Past the cap it stops reading at
 * once (nothing more is buffered) and reports `too-large`; the caller answers
 * 413 and closes the connection.
 */
import type { IncomingMessage } from 'node:http';

export type BodyResult = { kind: 'ok'; text: string } | { kind: 'too-large' } | { kind: 'aborted' } | { kind: 'bad-encoding' };

export function readBody(req: IncomingMessage, maxBytes: number, signal: AbortSignal): Promise<BodyResult> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > maxBytes) return Promise.resolve({ kind: 'too-large' });

  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (result: BodyResult) => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onAbort);
      req.off('aborted', onAbort);
      signal.removeEventListener('abort', onAbort);
      if (result.kind !== 'ok') req.pause();
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        chunks.length = 0;
        finish({ kind: 'too-large' });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      try {
        const text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
        finish({ kind: 'ok', text });
      } catch {
        finish({ kind: 'bad-encoding' });
      }
    };
    const onAbort = () => finish({ kind: 'aborted' });
    if (signal.aborted) return finish({ kind: 'aborted' });
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onAbort);
    req.on('aborted', onAbort);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
