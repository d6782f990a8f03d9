import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, createSubproject, startHarness, type Harness } from './helpers.js';

describe('A new subproject is not usable for subprojectReadyDelayMs', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ subprojectReadyDelayMs: 3_000 });
  });
  after(() => h.sb.close());

  it('When used before the delay, then Provisioning 403 forbidden and Conversation 403 PERMISSION_DENIED; after advance() both accept it', async () => {
    // Arrange
    const p = await createSubproject(h);
    const senders = h.prov(`/v1/projects/${p}/whatsapp/senders`);
    const apps = h.conv('us', `/v1/projects/${p}/apps`);
    // Act
    const own = await call(h.sub(`/v1/subprojects/${p}`), { token: h.token });
    const provEarly = await call(senders, { token: h.token });
    const convEarly = await call(apps, { token: h.token });
    const snapEarly = h.sb.inspect().subprojects.find((s) => s.subprojectId === p);
    h.sb.clock.advance(3_000);
    const provLater = await call(senders, { token: h.token });
    const convLater = await call(apps, { token: h.token });
    // Assert
    assert.equal(own.status, 200);
    assert.equal(provEarly.status, 403);
    assert.equal(provEarly.body.errorCode, 'forbidden');
    assert.equal(convEarly.status, 403);
    assert.equal(convEarly.body.error.status, 'PERMISSION_DENIED');
    assert.equal(snapEarly?.ready, false);
    assert.equal(provLater.status, 200);
    assert.equal(convLater.status, 200);
    assert.equal(h.sb.inspect().subprojects.find((s) => s.subprojectId === p)?.ready, true);
  });

  it('When the subproject is deleted, then it is an unknown project again', async () => {
    const p = await createSubproject(h);
    h.sb.clock.advance(3_000);
    await call(h.sub(`/v1/subprojects/${p}`), { method: 'DELETE', token: h.token });
    const r = await call(h.prov(`/v1/projects/${p}/whatsapp/senders`), { token: h.token });
    assert.equal(r.status, 404);
    assert.equal(r.body.errorCode, 'project_not_found');
  });
});
