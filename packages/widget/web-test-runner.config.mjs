// Runs the widget suites in the system Chromium. Groups: `src` runs every test against the sources; `esm` and
// `classic` run the element suite (test/element) again against dist/whatsapp-signup.js and
// dist/whatsapp-signup.classic.js (build first: `npm test` does).
import {esbuildPlugin} from '@web/dev-server-esbuild';
import {playwrightLauncher} from '@web/test-runner-playwright';
import {fileURLToPath} from 'node:url';
import {ensureChromium} from './scripts/ensure-chromium.mjs';
import {mockBff} from './test/mock-bff.mjs';

const executablePath = ensureChromium();
const only = process.env.WIDGET_BUILDS?.split(',');

const page = (build) => (testFramework) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>whatsapp-signup test</title>` +
  `<script>window.__WIDGET_BUILD__ = ${JSON.stringify(build)};</script></head>` +
  `<body><script type="module" src="${testFramework}"></script></body></html>`;

const groups = [
  {name: 'src', files: 'test/**/*.test.ts', testRunnerHtml: page('src')},
  {name: 'esm', files: 'test/element/**/*.test.ts', testRunnerHtml: page('esm')},
  {name: 'classic', files: 'test/element/**/*.test.ts', testRunnerHtml: page('classic')},
]
  .filter((g) => !only || only.includes(g.name))
  // WIDGET_FILES=<glob> narrows every group to some test files (while working on them).
  .map((g) => (process.env.WIDGET_FILES ? {...g, files: process.env.WIDGET_FILES} : g));

export default {
  rootDir: '../..',
  nodeResolve: true,
  groups,
  plugins: [
    esbuildPlugin({ts: true, target: 'es2022', tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url))}),
  ],
  middleware: [mockBff()],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath,
        headless: true,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      },
    }),
  ],
  // Lit announces its dev build once per page in the src group; nothing to act on.
  filterBrowserLogs: ({args}) => !String(args[0]).startsWith('Lit is in dev mode'),
  testFramework: {config: {timeout: 10000}},
  testsFinishTimeout: 300000,
};
