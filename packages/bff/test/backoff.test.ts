import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { backoff } from '../src/lib/backoff.js';

describe('backoff (the one formula behind every retry and poll)', () => {
  const p = { baseMs: 100, capMs: 1000 };
  test('When jitter is full, then the delay is uniform below base·2^attempt and capped', () => {
    assert.equal(backoff(0, { ...p, jitter: 'full' }, () => 0.999), 99);
    assert.equal(backoff(3, { ...p, jitter: 'full' }, () => 0.5), 400);
    assert.equal(backoff(10, { ...p, jitter: 'full' }, () => 0.999), 999);
    assert.equal(backoff(2, { ...p, jitter: 'full' }, () => 0), 0);
  });
  test('When jitter is equal, then the delay lies in [d/2, d] (the notifier never retries at once)', () => {
    assert.equal(backoff(0, { ...p, jitter: 'equal' }, () => 0), 50);
    assert.equal(backoff(1, { ...p, jitter: 'equal' }, () => 1), 200);
    assert.equal(backoff(40, { ...p, jitter: 'equal' }, () => 1), 1000);
  });
  test('When jitter is spread with factor 1.5, then the delay is base·1.5^attempt ± 20 % (polls)', () => {
    const poll = { ...p, factor: 1.5, jitter: 'spread' as const };
    assert.equal(backoff(2, poll, () => 0.5), 225);
    assert.equal(backoff(2, poll, () => 0), 180);
    assert.equal(backoff(2, poll, () => 1), 270);
    assert.equal(backoff(100, poll, () => 1), 1200);
  });
  test('When the attempt count is huge, then the delay stays at the cap (no overflow to NaN)', () => {
    for (const jitter of ['full', 'equal', 'spread'] as const) {
      const d = backoff(1e6, { baseMs: 0.5, capMs: 600_000, jitter }, () => 0.5);
      assert.ok(Number.isFinite(d) && d > 0 && d <= 720_000, `${jitter}: ${d}`);
    }
  });
});
