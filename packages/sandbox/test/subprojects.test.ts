import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, startHarness, type Harness } from './helpers.js';

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

describe('Subprojects API', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.sb.close());

  it('When a subproject is created with labels, then 200 and a ULID id', async () => {
    // Act
    const r = await call(h.sub(`/v1/projects/${h.parent}/subprojects`), {
      token: h.token,
      json: { displayName: 'Acme', labels: { onboarding: 'job-1' }, parentProjectId: 'ignored' },
    });
    // Assert
    assert.equal(r.status, 200);
    assert.match(r.body.subprojectId, ULID);
    assert.equal(r.body.displayName, 'Acme');
    assert.deepEqual(r.body.labels, { onboarding: 'job-1' });
    assert.equal(r.body.parentProjectId, h.parent);
    assert.equal(r.body.deleted, false);
    assert.ok(Date.parse(r.body.createTime) > 0 && Date.parse(r.body.updateTime) > 0);
  });

  it('When displayName is missing or labels are invalid, then 400 INVALID_ARGUMENT naming the field', async () => {
    const url = h.sub(`/v1/projects/${h.parent}/subprojects`);
    const noName = await call(url, { token: h.token, json: { labels: { a: 'b' } } });
    const emptyValue = await call(url, { token: h.token, json: { displayName: 'x', labels: { a: '' } } });
    const longKey = await call(url, { token: h.token, json: { displayName: 'x', labels: { ['k'.repeat(256)]: 'v' } } });
    const tooMany = await call(url, { token: h.token, json: { displayName: 'x', labels: Object.fromEntries(Array.from({ length: 256 }, (_, i) => [`k${i}`, 'v'])) } });
    const unknown = await call(url, { token: h.token, json: { displayName: 'x', colour: 'red' } });
    for (const r of [noName, emptyValue, longKey, tooMany, unknown]) {
      assert.equal(r.status, 400);
      assert.equal(r.body.error.status, 'INVALID_ARGUMENT');
      assert.deepEqual(r.body.error.details, []);
    }
    assert.match(noName.body.error.message, /displayName/);
    assert.match(emptyValue.body.error.message, /labels/);
    assert.match(unknown.body.error.message, /colour/);
  });

  it('When the parent is unknown or a subproject, then 400 FAILED_PRECONDITION', async () => {
    const sub = await call(h.sub(`/v1/projects/${h.parent}/subprojects`), { token: h.token, json: { displayName: 'x' } });
    const unknown = await call(h.sub('/v1/projects/nope/subprojects'), { token: h.token, json: { displayName: 'x' } });
    const nested = await call(h.sub(`/v1/projects/${sub.body.subprojectId}/subprojects`), { token: h.token, json: { displayName: 'x' } });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.error.status, 'FAILED_PRECONDITION');
    assert.equal(nested.status, 400);
    assert.equal(nested.body.error.status, 'FAILED_PRECONDITION');
  });

  it('When a subproject is read, patched and deleted, then each step shows the change', async () => {
    // Arrange
    const created = await call(h.sub(`/v1/projects/${h.parent}/subprojects`), { token: h.token, json: { displayName: 'Before' } });
    const id = created.body.subprojectId;
    assert.equal('labels' in created.body, false);
    // Act
    const got = await call(h.sub(`/v1/subprojects/${id}`), { token: h.token });
    const patched = await call(h.sub(`/v1/subprojects/${id}`), { method: 'PATCH', token: h.token, json: { displayName: 'After', labels: { k: 'v' } } });
    const deleted = await call(h.sub(`/v1/subprojects/${id}`), { method: 'DELETE', token: h.token });
    const afterDelete = await call(h.sub(`/v1/subprojects/${id}`), { token: h.token });
    const patchDeleted = await call(h.sub(`/v1/subprojects/${id}`), { method: 'PATCH', token: h.token, json: { displayName: 'x' } });
    const missing = await call(h.sub('/v1/subprojects/01ARZ3NDEKTSV4RRFFQ69G5FAV'), { token: h.token });
    // Assert
    assert.equal(got.status, 200);
    assert.equal(patched.status, 200);
    assert.equal(patched.body.displayName, 'After');
    assert.deepEqual(patched.body.labels, { k: 'v' });
    assert.equal(deleted.status, 200);
    assert.deepEqual(deleted.body, {});
    assert.equal(afterDelete.body.deleted, true);
    assert.equal(patchDeleted.status, 404);
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.status, 'NOT_FOUND');
  });

  it('When listing with pageSize, then pages follow nextPageToken until it is empty, and deleted ones only with showDeleted', async () => {
    // Arrange: a fresh sandbox so the count is known
    const g = await startHarness();
    try {
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await call(g.sub(`/v1/projects/${g.parent}/subprojects`), { token: g.token, json: { displayName: `c${i}`, labels: { n: String(i) } } });
        ids.push(r.body.subprojectId);
      }
      await call(g.sub(`/v1/subprojects/${ids[0]}`), { method: 'DELETE', token: g.token });
      // Act
      const seen: string[] = [];
      let token = '';
      let pages = 0;
      do {
        const r = await call(g.sub(`/v1/projects/${g.parent}/subprojects?pageSize=2&pageToken=${encodeURIComponent(token)}`), { token: g.token });
        assert.equal(r.status, 200);
        seen.push(...r.body.subprojects.map((s: { subprojectId: string }) => s.subprojectId));
        token = r.body.nextPageToken;
        pages++;
      } while (token);
      const withDeleted = await call(g.sub(`/v1/projects/${g.parent}/subprojects?showDeleted=true`), { token: g.token });
      const badSize = await call(g.sub(`/v1/projects/${g.parent}/subprojects?pageSize=1001`), { token: g.token });
      const badToken = await call(g.sub(`/v1/projects/${g.parent}/subprojects?pageToken=garbage`), { token: g.token });
      // Assert
      assert.deepEqual(seen, ids.slice(1));
      assert.equal(pages, 2);
      assert.equal(withDeleted.body.subprojects.length, 5);
      assert.equal(withDeleted.body.nextPageToken, '');
      assert.equal(badSize.status, 400);
      assert.equal(badToken.status, 400);
    } finally {
      await g.sb.close();
    }
  });
});
