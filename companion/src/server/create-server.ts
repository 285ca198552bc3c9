/**
 * The companion's local API: `node:http` on 127.0.0.1 only. Every request
 * passes, in this order: Host allow-list (403), Origin policy (403), known
 * path (404), method (405 + Allow), rate limit (429 + Retry-After; also when
 * more than MAX_SERVED_CONNECTIONS are open at once), then the
 * operation's own checks (secret 401, media type 415, size 413, contract 400),
 * all under one request timeout (504, upstream aborted). One log line each.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  HTTP_STATUS_BY_ERROR,
  PATHS,
  type ApiErrorCode,
  type CertificateStatus,
} from '../../../lib/companion/contract.ts';
import { pairingFingerprint } from '../../../lib/companion/fingerprint.ts';
import { isOriginAllowed } from '../config/origins.ts';
import type { ConsultUpstream } from '../upstream.ts';
import { handleConsult } from './consult.ts';
import { handleHealth } from './health.ts';
import { handleRegister, handleRegistrationList, handleWithdraw } from './registrations.ts';
import type { RegistrationService } from '../registration/service.ts';
import { isAllowedHost } from './host.ts';
import type { CompanionLogger, Operation } from './log.ts';
import { TokenBucket } from './rate-limit.ts';
import { sendError, type Sent } from './respond.ts';
import type { Handler, RequestContext } from './request-context.ts';
import type { CompanionServerSettings } from './settings.ts';

const ERROR_BY_STATUS = new Map(
  (Object.entries(HTTP_STATUS_BY_ERROR) as [ApiErrorCode, number][]).map(([code, status]) => [status, code]),
);

/** The only address the API listens on. */
export const LOOPBACK = '127.0.0.1';

/**
 * Connections served at once. Past it a request is answered 429 with
 * Retry-After and its connection closed (the extension waits and retries),
 * never reset: a reset reads as "companion not running".
 */
export const MAX_SERVED_CONNECTIONS = 64;
/** Connections accepted at all (file descriptors); past it the OS-level accept is refused. */
export const MAX_OPEN_CONNECTIONS = 1_024;

export interface CompanionServerOptions {
  config: CompanionServerSettings;
  upstream: ConsultUpstream;
  secret: string;
  version: string;
  logger: CompanionLogger;
  /** Certificate facts for the full `/v1/health`; absent: an empty list. */
  certificates?: (signal: AbortSignal) => Promise<CertificateStatus[]>;
  /** Clock for the rate limiter (tests). */
  now?: () => number;
  /** Registration of vaccinations; absent: the registration operations answer 404. */
  registrations?: RegistrationService;
}

export interface CompanionServer {
  /** Binds 127.0.0.1:`port` (0: any free port) and resolves with the port bound. */
  listen(port: number): Promise<{ port: number }>;
  /** Stops accepting, aborts requests in flight, closes every connection. */
  close(): Promise<void>;
}

interface Route {
  op: Exclude<Operation, 'unknown'>;
  method: 'GET' | 'POST';
  handler: Handler;
}

export function createCompanionServer(options: CompanionServerOptions): CompanionServer {
  const { config, logger } = options;
  const bucket = new TokenBucket(config.rateLimit, options.now);
  let fingerprint: Promise<string> | undefined;
  const fingerprintOnce = () => (fingerprint ??= pairingFingerprint(options.secret));
  const inFlight = new Set<AbortController>();
  let boundPort: number | undefined;
  let openConnections = 0;

  const routes: Readonly<Record<string, Route>> = {
    [PATHS.health]: {
      op: 'health',
      method: 'GET',
      handler: (ctx) =>
        handleHealth(ctx, {
          upstream: options.upstream,
          secret: options.secret,
          version: options.version,
          mode: config.mode,
          fingerprint: fingerprintOnce,
          ...(options.certificates && { certificates: options.certificates }),
          probeTimeoutMs: config.probeTimeoutMs,
          logger,
        }),
    },
    [PATHS.consult]: {
      op: 'consult',
      method: 'POST',
      handler: (ctx) =>
        handleConsult(ctx, {
          upstream: options.upstream,
          secret: options.secret,
          logger,
          maxBodyBytes: config.maxBodyBytes,
          maxResponseBytes: config.maxResponseBytes,
        }),
    },
  };

  const registrationDeps = options.registrations && {
    service: options.registrations,
    logger,
    secret: options.secret,
    maxBodyBytes: config.maxBodyBytes,
  };
  const registrationRoute = (op: 'register' | 'registration-list' | 'withdraw', handle: typeof handleRegister): Route => ({
    op,
    method: 'POST',
    handler: (ctx) => (registrationDeps ? handle(ctx, registrationDeps) : Promise.resolve(sendError(ctx.res, 'not-found', 'registration is not available in this companion'))),
  });
  const allRoutes: Readonly<Record<string, Route>> = {
    ...routes,
    [PATHS.register]: registrationRoute('register', handleRegister),
    [PATHS.registrationList]: registrationRoute('registration-list', handleRegistrationList),
    [PATHS.withdraw]: registrationRoute('withdraw', handleWithdraw),
  };

  async function dispatch(ctx: RequestContext): Promise<Sent | 'abandoned'> {
    const { req, res } = ctx;
    if (boundPort === undefined || !isAllowedHost(req.headers.host, boundPort)) {
      return sendError(res, 'forbidden', 'this Host is not allowed');
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !isOriginAllowed(config.originPolicy, origin)) {
      return sendError(res, 'forbidden', 'this Origin is not allowed');
    }
    // The exact path, not normalised: `/v1/x/../consult` is not an operation.
    const pathname = (req.url ?? '').split('?')[0] ?? '';
    const route = Object.hasOwn(allRoutes, pathname) ? allRoutes[pathname] : undefined;
    if (!route) return sendError(res, 'not-found', 'no such operation');
    ctx.op = route.op;
    if (req.method !== route.method) {
      return sendError(res, 'method-not-allowed', `use ${route.method}`, { headers: { Allow: route.method } });
    }
    if (openConnections > MAX_SERVED_CONNECTIONS) {
      return sendError(res, 'rate-limited', 'too many connections at once; try again shortly', {
        headers: { 'Retry-After': '1', Connection: 'close' },
      });
    }
    const token = bucket.take();
    if (!token.ok) {
      return sendError(res, 'rate-limited', 'too many requests; try again shortly', {
        headers: { 'Retry-After': String(token.retryAfterSeconds) },
      });
    }
    return route.handler(ctx);
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const controller = new AbortController();
    inFlight.add(controller);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, config.requestTimeoutMs);
    const ctx: RequestContext = { req, res, signal: controller.signal, timedOut: () => timedOut, op: 'unknown' };
    let sent: Sent | 'abandoned' = 'abandoned';

    res.once('close', () => {
      clearTimeout(timer);
      inFlight.delete(controller);
      const clientGone = !res.writableFinished;
      if (clientGone) controller.abort();
      // Read from the response itself: 'close' may come before the handler's promise settles.
      const status = res.headersSent ? res.statusCode : 0;
      const error = ERROR_BY_STATUS.get(status);
      logger.request({
        op: ctx.op,
        method: req.method ?? '?',
        status,
        durationMs: performance.now() - started,
        ...(error && { error }),
        ...(ctx.hubs && { hubs: ctx.hubs }),
        ...(ctx.registration && { registration: ctx.registration }),
        ...(ctx.patientRef && { patientRef: ctx.patientRef }),
        ...(clientGone && { clientGone }),
      });
    });

    try {
      sent = await dispatch(ctx);
    } catch (e) {
      logger.event('handler-failed', { op: ctx.op, error: e instanceof Error ? e.name : typeof e });
      sent = sendError(res, 'internal', 'internal error');
    }
    if (sent === 'abandoned' && !res.headersSent) res.destroy();
    // A request whose body was not read (refused early, or too large) leaves
    // bytes on the connection: close it once the answer is out.
    if (!req.complete) res.once('finish', () => req.socket.destroySoon());
  }

  const server = http.createServer(
    {
      requestTimeout: config.requestTimeoutMs + 5_000,
      headersTimeout: Math.min(10_000, config.requestTimeoutMs + 5_000),
      maxHeaderSize: 16_384,
      // Answered by the Host rule below (403 with an ApiError body), not by Node's bare 400.
      requireHostHeader: false,
    },
    (req, res) => void onRequest(req, res),
  );
  server.maxConnections = MAX_OPEN_CONNECTIONS;
  server.on('connection', (socket) => {
    openConnections++;
    socket.once('close', () => openConnections--);
  });

  return {
    listen(port) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen({ port, host: LOOPBACK, exclusive: true }, () => {
          server.off('error', reject);
          boundPort = (server.address() as AddressInfo).port;
          resolve({ port: boundPort });
        });
      });
    },
    close() {
      for (const controller of inFlight) controller.abort();
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
