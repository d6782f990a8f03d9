export { startSinchSandbox, DEFAULT_CREDENTIALS, DEFAULT_META } from './sandbox.js';
export { computeSignature } from './signing.js';
export type {
  FaultRule,
  IssuedSecret,
  PhoneVerificationSetting,
  SandboxApi,
  SandboxPhoneNumber,
  SandboxRegion,
  SandboxRequestLog,
  SandboxSenderUpdate,
  SandboxSnapshot,
  SandboxVerificationCode,
  SandboxWebhookDelivery,
  SinchSandbox,
  SinchSandboxOptions,
} from './sinch-sandbox.types.js';
