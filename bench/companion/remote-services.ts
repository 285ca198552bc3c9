/**
 * BENCH ONLY, run as its own process (`node --import tsx`): the services the
 * companion talks to, simulated — the RSW and RSB hubs and the eHealth STS
 * with eHealth-shaped keystores — serving the bench patients (fixed inputs).
 * Its own process so that the companion's memory and CPU are the companion's
 * alone. Prints one JSON line (RemoteServices) on stdout, then runs until its
 * stdin closes or it gets SIGTERM; removes its temporary folder on the way out.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildVaccinationMessage } from '../../companion/src/simulator/kmehr-vaccination.ts';
import { startSimulatedHubs } from '../../companion/src/simulator/index.ts';
import { startSimulatedStsChain } from '../../companion/src/simulator/sts/index.ts';
import { HUB_SERVICE_PATH } from '../../companion/src/simulator/hub-server.ts';
import { createTlsServerCertificate } from '../../companion/src/pki/ehealth-identities.ts';
import { benchPatientInsz, benchVaccinations } from '../fixtures/vaccinations.ts';
import { BENCH_APPLICATION } from './clients.ts';
import { BENCH_PATIENTS, type BenchPatientKey, type RemoteServices } from './remote-protocol.ts';
import { recordConsultations, startReplayHub } from './replay-hub.ts';

async function writePatientFolder(dir: string): Promise<Record<string, string>> {
  const inszByKey: Record<string, string> = {};
  for (const [key, spec] of Object.entries(BENCH_PATIENTS)) {
    const insz = benchPatientInsz(spec.sequence);
    inszByKey[key] = insz;
    const folder = path.join(dir, insz);
    await mkdir(folder, { recursive: true });
    // No latency at the simulator itself: the replay hubs add each patient's latency (and recording stays quick).
    await writeFile(path.join(folder, 'patient.json'), JSON.stringify({ hub: 'rsw', behaviour: 'ok', label: key }));
    const vaccinations = benchVaccinations(spec.vaccinations, spec.sequence);
    for (const [i, v] of vaccinations.entries()) {
      const xml = buildVaccinationMessage({
        patient: { insz, firstname: 'Bench', familyname: `Patient ${spec.sequence}`, sex: 'female' },
        localId: v.localId,
        hub: 'rsw',
        date: v.date,
        time: v.time,
        vaccine: v.vaccine,
        vaccinator: v.vaccinator,
        lot: v.lot,
      });
      await writeFile(path.join(folder, `${String(i + 1).padStart(3, '0')}.xml`), xml);
    }
  }
  return inszByKey;
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vaccicard-bench-remote-'));
  const patientsDir = path.join(dir, 'patients');
  const insz = await writePatientFolder(patientsDir);
  const pageSize = Number(process.env.BENCH_PAGE_SIZE ?? '20');
  const hubs = await startSimulatedHubs({ patientsDir, pageSize });
  const chain = await startSimulatedStsChain({ ca: hubs.testing.ca, iam: hubs.testing.iam, pharmacy: hubs.pharmacy });
  const files = {
    hubCa: path.join(dir, 'hub-ca.pem'),
    stsCa: path.join(dir, 'sts-ca.pem'),
    trustAnchor: path.join(dir, 'iam.pem'),
  };
  await writeFile(files.hubCa, hubs.caCertPem);
  await writeFile(files.stsCa, chain.sts.tlsCaPem);
  await writeFile(files.trustAnchor, chain.sts.iamCertificatePem);

  const p = hubs.pharmacy;
  const recordings = await recordConsultations(Object.values(insz), {
    hubs: { rsw: hubs.rsw, rsb: hubs.rsb },
    caPem: hubs.caCertPem,
    pharmacy: { pharmacyNumber: p.pharmacyNumber, pharmacyName: p.pharmacyName, pharmacist: { riziv: p.pharmacistRiziv, inss: p.pharmacistSsin } },
    application: BENCH_APPLICATION,
    tokenProvider: chain.tokenProvider,
  });
  const latencyByInsz = new Map(Object.entries(insz).map(([key, value]) => [value, BENCH_PATIENTS[key as BenchPatientKey].latencyMs]));
  const tls = await createTlsServerCertificate(hubs.testing.ca);
  const replay = {
    rsw: await startReplayHub({ recording: recordings.rsw, tls: { key: tls.privateKeyPem, cert: tls.certificatePem }, path: HUB_SERVICE_PATH, latencyMs: (i) => latencyByInsz.get(i) ?? 0 }),
    rsb: await startReplayHub({ recording: recordings.rsb, tls: { key: tls.privateKeyPem, cert: tls.certificatePem }, path: HUB_SERVICE_PATH, latencyMs: (i) => latencyByInsz.get(i) ?? 0 }),
  };
  const info: RemoteServices = {
    hubs: { simulator: { rsw: hubs.rsw.url, rsb: hubs.rsb.url }, replay: { rsw: replay.rsw.url, rsb: replay.rsb.url } },
    stsUrl: chain.sts.url,
    hubCaFile: files.hubCa,
    stsCaFile: files.stsCa,
    trustAnchorFile: files.trustAnchor,
    keystores: chain.keystoreConfig,
    pharmacy: { ...hubs.pharmacy },
    insz,
    pageSize,
  };
  process.stdout.write(`${JSON.stringify(info)}\n`);

  let closing = false;
  const close = async () => {
    if (closing) return;
    closing = true;
    await Promise.allSettled([hubs.close(), chain.close(), replay.rsw.close(), replay.rsb.close()]);
    await rm(dir, { recursive: true, force: true });
    process.exit(0);
  };
  process.stdin.on('end', () => void close());
  process.stdin.on('close', () => void close());
  process.stdin.resume();
  process.once('SIGTERM', () => void close());
  process.once('SIGINT', () => void close());
}

main().catch((error: unknown) => {
  process.stderr.write(`bench remote services: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
