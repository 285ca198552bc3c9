/**
 * `npm run companion -- <command>`: start, pair, doctor (see --help and
 * companion/README.md).
 */
import { createStsNotSupportedTokenProvider } from './cli/sts-not-supported.ts';
import { connectRealHubs } from './cli/real-hubs.ts';
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
      const tokenProvider = createStsNotSupportedTokenProvider();
      const running = await connectRealHubs({ loaded, version, t: translator(cliStrings, lang), lang, tokenProvider });
      return { upstream: running.upstream, tokenProvider, close: running.close };
    },
  },
});
