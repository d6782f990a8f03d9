export { startSinchSandbox, DEFAULT_CREDENTIALS } from './sandbox.js';
export { computeSignature } from './signing.js';
export type {
  FaultRule,
  IssuedSecret,
  PhoneVerificationSetting,
  SandboxApi,
  SandboxRegion,
  SandboxRequestLog,
  SandboxSnapshot,
  SandboxVerificationCode,
  SandboxWebhookDelivery,
  SinchSandbox,
  SinchSandboxOptions,
} from './sinch-sandbox.types.js';
