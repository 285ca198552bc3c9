/**
 * Builds the STS token provider from the companion's configuration: the
 * keystores (identification and holder-of-key), the `sts` section (endpoint
 * of the chosen environment, trust anchor, extra TLS CA, lifetime, timeout,
 * profile) and the pharmacy identity that fills the profile's values.
 * Files are read on first use, so a start-up never crashes on them: the
 * first token request reports the problem as an StsError.
 */
import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { CompanionConfig } from '../config/schema.ts';
import { splitCertificates, toPem } from '../pki/pem.ts';
import { loadStsCredentials } from './keystore-file.ts';
import type { StsClientOptions } from './sts-client.ts';
import { defaultStsConfig, type StsConfig } from './sts-config.ts';
import { StsError } from './sts-error.ts';
import { builtInPharmacyProfile, loadStsProfile, StsProfileError, type ProfileValues, type StsProfile } from './sts-profile.ts';
import { createStsTokenProvider, type StsTokenProvider } from './sts-token-provider.ts';

type Env = Readonly<Record<string, string | undefined>>;

/** Certificates from a PEM bundle or one DER file; throws StsError when there is none. */
export async function readCertificateFile(file: string): Promise<string[]> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    throw new StsError('trust-anchor-unreadable', { file });
  }
  const text = bytes.toString('latin1');
  const pems = text.includes('-----BEGIN CERTIFICATE-----') ? splitCertificates(text) : [toPem(bytes, 'CERTIFICATE')];
  try {
    for (const pem of pems) new X509Certificate(pem);
  } catch {
    throw new StsError('trust-anchor-unreadable', { file });
  }
  if (pems.length === 0) throw new StsError('trust-anchor-unreadable', { file });
  return pems;
}

export function profileValues(pharmacy: CompanionConfig['pharmacy']): ProfileValues {
  return {
    pharmacistSsin: pharmacy.pharmacist.inss,
    // The configured pharmacist is the titular (the pharmacy profile speaks for the titular).
    titularSsin: pharmacy.pharmacist.inss,
    pharmacyNumber: pharmacy.pharmacyNumber,
    pharmacistRiziv: pharmacy.pharmacist.riziv,
  };
}

async function profileOf(sts: StsConfig): Promise<StsProfile> {
  if (sts.profileFile === undefined) return builtInPharmacyProfile();
  try {
    return await loadStsProfile(sts.profileFile);
  } catch (error) {
    if (error instanceof StsProfileError) throw new StsError('profile-invalid', { file: error.file, detail: error.problems.slice(0, 5).join('; ') });
    throw error;
  }
}

/** The STS client settings the configuration describes (reads the trust anchor, CA and profile files). */
export async function stsClientOptionsFromConfig(config: Pick<CompanionConfig, 'sts' | 'pharmacy'>): Promise<Omit<StsClientOptions, 'now'>> {
  const sts = config.sts ?? defaultStsConfig();
  if (sts.trustAnchorFile === undefined) throw new StsError('trust-anchor-missing');
  const [trustAnchors, caPem, profile] = await Promise.all([
    readCertificateFile(sts.trustAnchorFile),
    sts.caFile === undefined ? undefined : readCertificateFile(sts.caFile).then((pems) => pems.join('')),
    profileOf(sts),
  ]);
  return {
    endpoint: new URL(sts.endpoints[sts.environment]),
    ...(caPem !== undefined && { caPem }),
    trustAnchors,
    profile,
    values: profileValues(config.pharmacy),
    lifetimeMs: sts.tokenLifetimeHours * 3_600_000,
    timeoutMs: sts.timeoutMs,
  };
}

export interface StsProviderFromConfigOptions {
  env: Env;
  now?: () => Date;
}

/** The real token provider for the configured pharmacy; problems surface as StsErrors on use. */
export function createStsTokenProviderFromConfig(
  config: Pick<CompanionConfig, 'keystores' | 'sts' | 'pharmacy'>,
  options: StsProviderFromConfigOptions,
): StsTokenProvider {
  const keystores = config.keystores;
  return createStsTokenProvider({
    loadCredentials: async () => {
      if (!keystores) throw new StsError('keystore-missing', { role: 'identification', file: '(keystores.identification)' });
      return loadStsCredentials(keystores, options.env);
    },
    client: () => stsClientOptionsFromConfig(config),
    ...(options.now && { now: options.now }),
  });
}

/** The STS endpoint the configuration points at (for start-up banners and doctor). */
export function configuredStsEndpoint(config: Pick<CompanionConfig, 'sts'>): { environment: StsConfig['environment']; url: string } {
  const sts = config.sts ?? defaultStsConfig();
  return { environment: sts.environment, url: sts.endpoints[sts.environment] };
}
