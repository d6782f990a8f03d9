import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createLogger } from '../src/logger.js';

describe('createLogger', () => {
  test('When secrets are logged by mistake, then their values are redacted', () => {
    // Arrange
    const lines: string[] = [];
    const log = createLogger('info', { write: (l: string) => void lines.push(l) });
    // Act
    log.info(
      {
        headers: { authorization: 'Bearer abc.def' },
        body: { authenticationCode: 'AQ-code', bearerToken: 'tok-1', secret: 's3' },
        access_token: 'jwt',
        client_secret: 'cs',
        password: 'pw',
        jobId: 'ses_1',
      },
      'oops',
    );
    // Assert
    const out = lines.join('');
    for (const s of ['abc.def', 'AQ-code', 'tok-1', 's3', 'jwt', '"cs"', '"pw"']) assert.ok(!out.includes(s), s);
    assert.ok(out.includes('ses_1'));
    assert.ok(out.includes('[redacted]'));
  });
});
