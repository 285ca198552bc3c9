/**
 * The Vaccinnet client: AddVaccinations (1 to 5 KMEHR messages of one
 * patient, base64, with the softwareID) and RemoveVaccination, over HTTPS
 * with the same WS-Security as the hub calls (SAML holder-of-key assertion,
 * signature over Body and Timestamp). A refused token is dropped and the
 * call made once more with a fresh one. Results are typed; retries are the
 * outbox's business.
 */
import https from 'node:https';
import type { HubError } from '../../../lib/companion/contract.ts';
import { hubErrorFromOutcome } from '../../../lib/kmehr/hub-errors.ts';
import { deadline } from '../hub/deadline.ts';
import { signedEnvelope } from '../hub/soap-call.ts';
import { httpsExchange } from '../hub/transport.ts';
import { TokenError, type TokenProvider } from '../token-provider.ts';
import type { XmlTree } from '../wss/envelope.ts';
import { VACCINNET_SOAP_ACTION, type VaccinnetOperation } from './constants.ts';
import { addVaccinationsBody, removeVaccinationBody, type VaccinnetCaller } from './request.ts';
import { parseAddVaccinationsResponse, parseRemoveVaccinationResponse, type VaccinnetAnswer, type VaccinnetAnswerResult } from './response.ts';


export interface VaccinnetClientOptions extends VaccinnetCaller {
  /** https address of the service. */
  url: string;
  caPem?: string;
  tokenProvider: TokenProvider;
  /** Per call. Default 30 s. */
  timeoutMs?: number;
  /** Default 4 MB. */
  maxResponseBytes?: number;
  now?: () => Date;
}

export type VaccinnetCallResult =
  | { kind: 'answered'; answer: Extract<VaccinnetAnswer, { kind: 'status' }> }
  | { kind: 'failed'; error: HubError };

export interface VaccinnetClient {
  addVaccinations(patientInsz: string, kmehrMessages: readonly string[], signal: AbortSignal): Promise<VaccinnetCallResult>;
  removeVaccination(patientInsz: string, vaccinationId: string, signal: AbortSignal): Promise<VaccinnetCallResult>;
  close(): void;
}

export class VaccinnetOptionsError extends Error {
  override readonly name = 'VaccinnetOptionsError';
}

export function createVaccinnetClient(options: VaccinnetClientOptions): VaccinnetClient {
  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    throw new VaccinnetOptionsError('the Vaccinnet endpoint is not a URL');
  }
  if (url.protocol !== 'https:') throw new VaccinnetOptionsError('the Vaccinnet endpoint must use https');
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxResponseBytes = options.maxResponseBytes ?? 4_000_000;
  const now = options.now ?? (() => new Date());
  const agent = new https.Agent({ keepAlive: true, maxSockets: 4, timeout: 30_000, ca: options.caPem });
  const caller: VaccinnetCaller = { softwareId: options.softwareId, ...(options.vaccinnetId !== undefined && { vaccinnetId: options.vaccinnetId }) };

  type Attempt = { ok: true; value: VaccinnetCallResult } | { ok: false; authRefused: true; error: HubError };

  async function once(operation: VaccinnetOperation, body: XmlTree, parse: (xml: string) => VaccinnetAnswerResult, signal: AbortSignal): Promise<Attempt> {
    let creds;
    try {
      creds = await options.tokenProvider.getToken(signal);
    } catch (e) {
      const code = e instanceof TokenError && e.code === 'sts-unreachable' ? 'unreachable' : e instanceof TokenError && e.code === 'not-supported' ? 'not-supported' : 'auth-failed';
      return { ok: true, value: { kind: 'failed', error: { code, message: `eHealth token: ${e instanceof Error ? e.message : 'not obtained'}`.slice(0, 1000) } } };
    }
    const envelope = signedEnvelope(body, creds.token, creds.holderOfKey, now());
    const result = await httpsExchange({
      url,
      method: 'POST',
      headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${VACCINNET_SOAP_ACTION[operation]}"`, accept: 'text/xml' },
      body: envelope,
      caPem: options.caPem,
      agent,
      signal,
      maxResponseBytes,
    });
    if (!result.ok) {
      const code: HubError['code'] = result.failure.kind === 'timeout' || result.failure.kind === 'cancelled' ? 'timeout' : result.failure.kind === 'bad-encoding' ? 'malformed-response' : result.failure.kind === 'too-large' ? 'hub-error' : 'unreachable';
      return { ok: true, value: { kind: 'failed', error: { code, message: result.failure.message.replace(/\bhub\b/g, 'Vaccinnet service') } } };
    }
    const parsed = parse(result.body);
    if (!parsed.ok) {
      const error: HubError =
        result.status >= 200 && result.status < 300
          ? { code: 'malformed-response', message: `Vaccinnet ${operation}: ${parsed.reason}`.slice(0, 1000) }
          : { code: 'hub-error', message: `the Vaccinnet service answered HTTP ${result.status}` };
      return { ok: true, value: { kind: 'failed', error } };
    }
    if (parsed.value.kind === 'fault') {
      const error = hubErrorFromOutcome(parsed.value.outcome);
      if (error.code === 'auth-failed') return { ok: false, authRefused: true, error };
      return { ok: true, value: { kind: 'failed', error } };
    }
    return { ok: true, value: { kind: 'answered', answer: parsed.value } };
  }

  async function call(operation: VaccinnetOperation, body: XmlTree, parse: (xml: string) => VaccinnetAnswerResult, signal: AbortSignal): Promise<VaccinnetCallResult> {
    const limit = deadline(signal, timeoutMs);
    try {
      let attempt = await once(operation, body, parse, limit.signal);
      if (!attempt.ok) {
        options.tokenProvider.invalidate();
        if (!limit.signal.aborted) attempt = await once(operation, body, parse, limit.signal);
        if (!attempt.ok) {
          options.tokenProvider.invalidate();
          return { kind: 'failed', error: attempt.error };
        }
      }
      return attempt.value;
    } catch {
      return { kind: 'failed', error: { code: 'hub-error', message: 'unexpected failure while calling the Vaccinnet service' } };
    } finally {
      limit.dispose();
    }
  }

  return {
    addVaccinations(patientInsz, kmehrMessages, signal) {
      return call('AddVaccinations', addVaccinationsBody(caller, patientInsz, kmehrMessages), (xml) => parseAddVaccinationsResponse(xml, maxResponseBytes), signal);
    },
    removeVaccination(patientInsz, vaccinationId, signal) {
      return call('RemoveVaccination', removeVaccinationBody(caller, patientInsz, vaccinationId), (xml) => parseRemoveVaccinationResponse(xml, maxResponseBytes), signal);
    },
    close() {
      agent.destroy();
    },
  };
}
