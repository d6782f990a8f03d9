export { startSinchSandbox, DEFAULT_CREDENTIALS } from './sandbox.js';
export { computeSignature } from './signing.js';
export type {
  FaultRule,
  IssuedSecret,
  SandboxApi,
  SandboxRegion,
  SandboxRequestLog,
  SandboxSnapshot,
  SandboxWebhookDelivery,
  SinchSandbox,
  SinchSandboxOptions,
} from './sinch-sandbox.types.js';
