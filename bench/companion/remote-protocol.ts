/** What bench/companion/remote-services.ts serves and reports. Shared by both sides. */
import type { KeystoreConfig } from '../../companion/src/config/schema.ts';

/** The bench patients: all their vaccinations at RSW (RSB answers "no data"); latency per hub call. */
export const BENCH_PATIENTS = {
  /** A typical patient, hubs answering at once: the companion-overhead measurement. */
  typical: { sequence: 2, vaccinations: 3, latencyMs: 0 },
  /** The same patient's consultation with 100 ms on every hub call (hubs as slow as real ones). */
  typicalSlow: { sequence: 5, vaccinations: 3, latencyMs: 100 },
  /** 20 vaccination transactions, 100 ms on every hub call. */
  tx20: { sequence: 3, vaccinations: 20, latencyMs: 100 },
  /** 50 vaccination transactions, 100 ms on every hub call (the list comes in pages). */
  tx50: { sequence: 4, vaccinations: 50, latencyMs: 100 },
} as const;
export type BenchPatientKey = keyof typeof BENCH_PATIENTS;

/** Where the hubs are: the simulated hubs, and the bench's replay of their recorded answers. */
export type HubUrls = { rsw: string; rsb: string };
export type UpstreamKind = 'simulator' | 'replay';

export interface RemoteServices {
  hubs: Record<UpstreamKind, HubUrls>;
  stsUrl: string;
  hubCaFile: string;
  stsCaFile: string;
  trustAnchorFile: string;
  keystores: { identification: KeystoreConfig; holderOfKey: KeystoreConfig };
  pharmacy: {
    pharmacyNumber: string;
    pharmacyName: string;
    pharmacistSsin: string;
    pharmacistRiziv: string;
    pharmacistFirstName: string;
    pharmacistFamilyName: string;
  };
  /** INSZ of each bench patient. */
  insz: Record<BenchPatientKey, string>;
  /** GetTransactionList page size of the simulated hubs. */
  pageSize: number;
}
