/** Nonces of verified Sinch callbacks, kept until their timestamp leaves the accepted window. */
export interface WebhookNonceRepository {
  /** Records the nonce; false when it was seen before (a replay). Purges nonces expired at `nowMs` first. */
  remember(nonce: string, expiresAtMs: number, nowMs: number): Promise<boolean>;
}
