/**
 * Reachability of a hub endpoint without patient data: one HTTPS GET to the
 * service URL. Any HTTP answer over a trusted TLS connection counts as
 * reachable (SOAP services answer GET with an error page or a WSDL).
 */
import type https from 'node:https';
import { httpsExchange } from './transport.ts';

export interface ProbeTarget {
  url: URL;
  caPem?: string;
  agent: https.Agent;
}

export async function probeEndpoint(target: ProbeTarget, signal: AbortSignal): Promise<{ reachable: boolean; latencyMs?: number }> {
  const started = performance.now();
  const result = await httpsExchange({
    url: target.url,
    method: 'GET',
    headers: { accept: 'text/xml' },
    caPem: target.caPem,
    agent: target.agent,
    signal,
    maxResponseBytes: 64 * 1024,
  });
  // An oversized error page is still an answer from the hub.
  if (result.ok || result.failure.kind === 'too-large') {
    return { reachable: true, latencyMs: Math.round(performance.now() - started) };
  }
  return { reachable: false };
}
