/** Entry of `npm start` / `npm run demo` (see main.ts). `--smoke` or DEMO_SMOKE=1: run the smoke checks and exit. */
import { storageLabel } from '@whatsapp-signup/bff';
import { startDemo } from './main.js';
import { runSmoke } from './smoke.js';

const smoke = process.argv.includes('--smoke') || process.env.DEMO_SMOKE === '1';

let demo;
try {
  demo = await startDemo(process.env, { smoke });
} catch (e) {
  console.error(`demo: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}

if (smoke) {
  console.log(`smoke: site ${demo.siteUrl}, BFF ${demo.bffUrl}, sandbox ${demo.sandboxUrl}`);
  let ok = false;
  try {
    ok = await runSmoke(demo);
  } catch (e) {
    console.error(e);
  } finally {
    await demo.stop();
  }
  process.exit(ok ? 0 : 1);
}

console.log(`
  whatsapp-signup demo (everything on loopback, no network, no accounts)

  Demo ASP site   ${demo.siteUrl}
    /              the <whatsapp-signup> widget with a session minted server side
    /link          mint a hosted signup link and open it
    /onboardings   every onboarding and its state (auto-refresh)

  BFF             ${demo.bffUrl}   (API key for curl: ${demo.apiKey})
  Operator console ${demo.consoleUrl}   (sign in as ${demo.operator.name} / ${demo.operator.password}: new every run)
  Sinch + Meta    ${demo.sandboxUrl}   (sandbox; subprojects ready after 1.5 s, senders ACTIVE after 3 s)
  Database        ${storageLabel(demo.bff.config.storage)}

  Ctrl-C to stop.
`);

let stopping = false;
const stop = () => {
  if (stopping) process.exit(1);
  stopping = true;
  console.log('\nstopping…');
  demo.stop().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
};
process.on('SIGINT', stop);
process.once('SIGTERM', stop);
