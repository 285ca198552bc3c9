/**
 * The content script on the host pages the pharmacist activated: one
 * dynamically registered content script whose matches are the activated host
 * patterns this extension holds a permission for (permissions are asked by the
 * options page at run time, `permissions.request` needs a user gesture). The
 * demo e-Form hosts (loopback) are matched by the manifest already.
 */
import type { PermissionsLike, RegisteredScript, ScriptingLike } from './extension-api.ts';

export const DYNAMIC_CONTENT_SCRIPT_ID = 'vaccicard-eform-hosts';
/** WXT builds `entrypoints/eform.content/index.ts` to this file (the same script the manifest runs on the demo hosts). */
export const CONTENT_SCRIPT_JS = ['content-scripts/eform.js'];

export interface HostActivationResult {
  /** Patterns the content script is registered for now. */
  active: string[];
  /** Activated in the settings but without a granted permission (the options page must ask). */
  missingPermission: string[];
}

export async function grantedPatterns(permissions: PermissionsLike, patterns: readonly string[]): Promise<string[]> {
  const checks = await Promise.all(
    patterns.map(async (p) => ((await permissions.contains({ origins: [p] }).catch(() => false)) ? p : undefined)),
  );
  return checks.filter((p): p is string => p !== undefined);
}

export async function syncContentScripts(
  api: { scripting: ScriptingLike; permissions: PermissionsLike },
  patterns: readonly string[],
  files: { js: string[]; css?: string[] } = { js: CONTENT_SCRIPT_JS },
): Promise<HostActivationResult> {
  const active = await grantedPatterns(api.permissions, patterns);
  const missingPermission = patterns.filter((p) => !active.includes(p));
  const existing = await api.scripting.getRegisteredContentScripts({ ids: [DYNAMIC_CONTENT_SCRIPT_ID] });
  if (active.length === 0) {
    if (existing.length > 0) await api.scripting.unregisterContentScripts({ ids: [DYNAMIC_CONTENT_SCRIPT_ID] });
    return { active, missingPermission };
  }
  const script: RegisteredScript = {
    id: DYNAMIC_CONTENT_SCRIPT_ID,
    matches: active,
    js: files.js,
    ...(files.css && files.css.length > 0 ? { css: files.css } : {}),
    // As in the manifest (entrypoints/eform.content/index.ts): loaded early, reads the page at DOMContentLoaded.
    runAt: 'document_start',
    allFrames: false,
    persistAcrossSessions: true,
  };
  if (existing.length > 0) await api.scripting.updateContentScripts([script]);
  else await api.scripting.registerContentScripts([script]);
  return { active, missingPermission };
}

/** Host permissions no longer needed once a host is removed from the settings. */
export function removedPatterns(before: readonly string[], after: readonly string[]): string[] {
  return before.filter((p) => !after.includes(p));
}
