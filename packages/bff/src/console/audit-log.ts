/** The console's audit log (operator_audit): every sign-in, sign-out and action, with its outcome; newest first. */
import { randomBytes } from 'node:crypto';
import { ValidationError } from '../errors.js';
import type { AuditRecord, OperatorRepository } from '../data/operator.repository.js';

export type AuditInput = Omit<AuditRecord, 'id' | 'at'>;

export class AuditLog {
  /** Orders the entries this process writes within one millisecond (ids sort as written: time, sequence, random). */
  #seq = 0;

  constructor(
    private readonly repo: OperatorRepository,
    private readonly now: () => number,
  ) {}

  async record(e: AuditInput): Promise<void> {
    const now = this.now();
    const seq = (this.#seq = (this.#seq + 1) % 0x1000000);
    const id = `aud_${now.toString(16).padStart(12, '0')}${seq.toString(16).padStart(6, '0')}${randomBytes(6).toString('hex')}`;
    await this.repo.insertAudit({ id, at: new Date(now).toISOString(), ...e });
  }

  /** One page, newest first; `pageToken` from the previous page. */
  async page(pageSize: number, pageToken?: string): Promise<{ items: AuditRecord[]; nextPageToken?: string }> {
    let before: { at: string; id: string } | undefined;
    if (pageToken) {
      try {
        const [at, id] = JSON.parse(Buffer.from(pageToken, 'base64url').toString('utf8')) as [unknown, unknown];
        if (typeof at !== 'string' || typeof id !== 'string') throw new Error('bad token');
        before = { at, id };
      } catch {
        throw new ValidationError('pageToken is not valid', 'pageToken');
      }
    }
    const rows = await this.repo.listAudit({ pageSize: pageSize + 1, ...(before ? { before } : {}) });
    const items = rows.slice(0, pageSize);
    const last = items[items.length - 1];
    return rows.length > pageSize && last ? { items, nextPageToken: Buffer.from(JSON.stringify([last.at, last.id])).toString('base64url') } : { items };
  }
}
