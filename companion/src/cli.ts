/**
 * `npm run companion -- <command>`: start, pair, doctor (see --help and
 * companion/README.md).
 */
import { connectRealHubs } from './cli/real-hubs.ts';
import { createStsTokenProviderFromConfig } from './ehealth/sts-from-config.ts';
import { processIo } from './cli/io.ts';
import { companionVersion, runCli } from './cli/main.ts';
import { defaultWiring } from './cli/wiring.ts';
import { ehealthKeystoreInspector } from './cli/ehealth-keystore-inspector.ts';
import { translator } from '../../lib/i18n/translate.ts';
import { cliStrings } from './cli/strings.ts';

const io = processIo();
const version = companionVersion();

process.exitCode = await runCli(process.argv.slice(2), io, {
  wiring: defaultWiring,
  version,
  doctor: {
    inspectKeystore: ehealthKeystoreInspector,
    connect: async (loaded, lang) => {
      const tokenProvider = createStsTokenProviderFromConfig(loaded.config, { env: io.facts.env });
      const running = await connectRealHubs({ loaded, version, t: translator(cliStrings, lang), lang, tokenProvider, env: io.facts.env });
      return { upstream: running.upstream, tokenProvider, close: running.close };
    },
  },
});
