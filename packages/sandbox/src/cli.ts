import { startSinchSandbox } from './sandbox.js';

const port = Number(process.env.SANDBOX_PORT ?? 4010);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`SANDBOX_PORT must be a port number (0..65535) but received ${JSON.stringify(process.env.SANDBOX_PORT)}`);
  process.exit(1);
}

const sandbox = await startSinchSandbox({
  port,
  host: process.env.SANDBOX_HOST ?? '127.0.0.1',
  subprojectReadyDelayMs: 3000,
  senderActivationDelayMs: 5000,
});

const { projectId, keyId, keySecret } = sandbox.credentials;
console.log(`Sinch sandbox listening on ${sandbox.url}

  SINCH_AUTH_URL=${sandbox.urls.auth}
  SINCH_SUBPROJECT_URL=${sandbox.urls.subproject}
  SINCH_PROVISIONING_URL=${sandbox.urls.provisioning}
  SINCH_CONVERSATION_URL=${sandbox.urls.conversation}
  SINCH_PROJECT_ID=${projectId}
  SINCH_KEY_ID=${keyId}
  SINCH_KEY_SECRET=${keySecret}

  META_GRAPH_URL=${sandbox.urls.graph}
  META_APP_ID=${sandbox.meta.appId}
  META_APP_SECRET=${sandbox.meta.appSecret}  (or META_SYSTEM_USER_TOKEN=${sandbox.meta.systemUserToken})

  Meta sandbox: fake FB SDK ${sandbox.url}/meta/sdk.js (the widget's sdk-src), dialog ${sandbox.url}/meta/dialog
  admin: ${sandbox.url}/_sandbox/inspect, POST ${sandbox.url}/_sandbox/meta/codes, POST ${sandbox.url}/_sandbox/clock/advance
  subprojects are usable 3 s after creation; senders turn ACTIVE 5 s after creation.`);

const shutdown = () => {
  void sandbox.close().then(() => process.exit(0));
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
