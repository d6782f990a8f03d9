/**
 * AES-256-GCM for secrets at rest (sender bearer token, webhook secret).
 * Sealed format: `v1.<iv b64url>.<tag b64url>.<ciphertext b64url>`; the associated data binds a
 * ciphertext to its record (e.g. the onboarding id) so it cannot be swapped into another row.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { decodeEncryptionKey } from '../config.js';

export class SecretBox {
  readonly #key: Buffer;

  constructor(key: Buffer | string) {
    const k = typeof key === 'string' ? decodeEncryptionKey(key) : key;
    if (!k || k.length !== 32) throw new Error('SecretBox needs a 32-byte key');
    this.#key = k;
  }

  seal(plaintext: string, aad = ''): string {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.#key, iv);
    c.setAAD(Buffer.from(aad, 'utf8'));
    const ct = Buffer.concat([c.update(plaintext, 'utf8'), c.final()]);
    return ['v1', iv.toString('base64url'), c.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
  }

  open(sealed: string, aad = ''): string {
    const [v, iv, tag, ct] = sealed.split('.');
    if (v !== 'v1' || !iv || !tag || ct === undefined) throw new Error('Malformed sealed secret');
    const d = createDecipheriv('aes-256-gcm', this.#key, Buffer.from(iv, 'base64url'));
    d.setAAD(Buffer.from(aad, 'utf8'));
    d.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([d.update(Buffer.from(ct, 'base64url')), d.final()]).toString('utf8');
  }
}
