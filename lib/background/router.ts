/**
 * Every message and port reaches the services through here: the sender is
 * checked first (content script, extension page, which page), then the
 * payload is validated with the contract's zod schemas. Refusals are logged
 * without patient data and answered `forbidden` / `invalid`.
 */
import {
  ContentToBackground,
  PORTS,
  PRIVILEGED_SENDERS,
  PrivilegedRequest,
  REGISTRATION_REQUEST_TYPES,
  type PageMessageAck,
  type PrivilegedType,
  type RegistrationRequest,
} from '../messages.ts';
import type { MessageListener, PortLike } from './extension-api.ts';
import { originForLog, type BackgroundLog } from './log.ts';
import { failure, type SettingsRequest } from './privileged.ts';
import { toIssues } from '../settings/schema.ts';
import { classifySender, describeSender, isPanelPage, isSidepanelPage, mayPrivileged, type SelfIdentity } from './sender.ts';
import type { SidepanelLookups } from './sidepanel-lookups.ts';
import type { TabLookups } from './tab-lookups.ts';

export interface RouterDeps {
  self: SelfIdentity;
  tabs: TabLookups;
  sidepanels: SidepanelLookups;
  privileged: (req: SettingsRequest) => Promise<unknown>;
  /** Registration requests, with the page that sent them (panel: its tab's patient). */
  registration?: (req: RegistrationRequest, from: RequestingPage) => Promise<unknown>;
  log: BackgroundLog;
}

/** The extension page a privileged request came from. */
export interface RequestingPage {
  path: string;
  tabId?: number;
}

const REGISTRATION_TYPES: ReadonlySet<string> = new Set(REGISTRATION_REQUEST_TYPES);
const isRegistrationRequest = (req: PrivilegedRequest): req is RegistrationRequest => REGISTRATION_TYPES.has(req.type);

const CONTENT_TYPES: ReadonlySet<string> = new Set(ContentToBackground.options.map((o) => o.shape.type.value));
const isPrivilegedType = (t: string): t is PrivilegedType => Object.hasOwn(PRIVILEGED_SENDERS, t);

function typeOf(message: unknown): string | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const t = (message as { type?: unknown }).type;
  return typeof t === 'string' ? t.slice(0, 64) : undefined;
}

export function createMessageListener(deps: RouterDeps): MessageListener {
  const { self, log } = deps;
  return (message, sender) => {
    const kind = classifySender(sender, self);
    const type = typeOf(message);

    if (type !== undefined && CONTENT_TYPES.has(type)) {
      if (kind.kind !== 'content-script') {
        log.refused('message', { type, sender: describeSender(kind) });
        return Promise.resolve<PageMessageAck>({ ok: false, error: 'forbidden' });
      }
      const parsed = ContentToBackground.safeParse(message);
      if (!parsed.success) {
        log.refused('message', { type, reason: 'invalid', sender: describeSender(kind) });
        return Promise.resolve<PageMessageAck>({ ok: false, error: 'invalid' });
      }
      return deps.tabs
        .handleContent({ tabId: kind.tabId, frameId: kind.frameId }, parsed.data)
        .then((): PageMessageAck => ({ ok: true }));
    }

    if (type !== undefined && isPrivilegedType(type)) {
      if (!mayPrivileged(kind, type)) {
        log.refused('privileged', { type, sender: describeSender(kind) });
        const who = PRIVILEGED_SENDERS[type] === 'options-page' ? 'the extension options page' : 'the extension’s own pages';
        return Promise.resolve(failure('forbidden', `this request is accepted from ${who} only`));
      }
      const parsed = PrivilegedRequest.safeParse(message);
      if (!parsed.success) {
        log.refused('privileged', { type, reason: 'invalid' });
        return Promise.resolve(failure('invalid', 'the request does not match its schema', toIssues(parsed.error)));
      }
      const req = parsed.data;
      if (isRegistrationRequest(req)) {
        if (!deps.registration || kind.kind !== 'extension-page') {
          return Promise.resolve(failure('unavailable', 'registration is not available'));
        }
        const from: RequestingPage = { path: kind.path, ...(kind.tabId !== undefined ? { tabId: kind.tabId } : {}) };
        return deps.registration(req, from).catch(() => {
          log.problem('registration-request-failed', { type });
          return failure('internal', 'the request failed');
        });
      }
      return deps.privileged(req).catch(() => {
        log.problem('privileged-failed', { type });
        return failure('internal', 'the request failed');
      });
    }

    log.refused('message', { type: type ?? 'none', reason: 'unknown', sender: describeSender(kind) });
    return Promise.resolve(failure('invalid', 'unknown message'));
  };
}

export function createConnectListener(deps: RouterDeps): (port: PortLike) => void {
  const { self, log } = deps;
  return (port) => {
    const kind = classifySender(port.sender, self);
    if (port.name === PORTS.badge && kind.kind === 'content-script') {
      deps.tabs.attachBadge(port, { tabId: kind.tabId, frameId: kind.frameId });
      return;
    }
    if (port.name === PORTS.panel && isPanelPage(kind)) {
      deps.tabs.attachPanel(port, kind.tabId);
      return;
    }
    if (port.name === PORTS.sidepanel && isSidepanelPage(kind)) {
      deps.sidepanels.attach(port);
      return;
    }
    log.refused('port', {
      name: port.name.slice(0, 32),
      sender: describeSender(kind),
      origin: kind.kind === 'refused' ? originForLog(port.sender?.url) : undefined,
    });
    try {
      port.disconnect();
    } catch {
      // already gone
    }
  };
}
