import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, createSender, createSubproject, startHarness, type Harness } from './helpers.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('POST /v1/projects/{projectId}/whatsapp/senders', () => {
  let h: Harness;
  let project: string;
  before(async () => {
    h = await startHarness({ senderActivationDelayMs: 10_000 });
    project = await createSubproject(h);
  });
  after(() => h.sb.close());

  const create = (json: unknown) => call(h.prov(`/v1/projects/${project}/whatsapp/senders`), { token: h.token, json });

  it('When the ES body is valid, then 201 with id, bearerToken and changes IN_PROGRESS but no state', async () => {
    // Act
    const r = await create({ wabaId: 'w', phoneNumberId: 'p1', region: 'EU', metaLocalStorage: 'DE', authenticationCode: h.sb.mintCode() });
    // Assert
    assert.equal(r.status, 201);
    assert.match(r.body.id, UUID);
    assert.equal('state' in r.body, false);
    assert.deepEqual(r.body.changes, { status: 'IN_PROGRESS' });
    assert.equal(typeof r.body.bearerToken, 'string');
    assert.ok(r.body.bearerToken.length >= 32);
    assert.equal(r.body.region, 'EU');
    assert.equal(r.body.metaLocalStorage, 'DE');
    assert.equal(r.body.businessManager, 'SINCH_UK');
    assert.deepEqual(r.body.compatibleRegions, ['eu']);
    assert.equal(r.body.cloudApi, true);
    assert.ok(r.body.created && r.body.modified);
  });

  it('When a sender is read, then it carries the documented fields: the number, display name, quality, regions, and no wabaId or phoneNumberId', async () => {
    // Arrange
    const p = await createSubproject(h, 'Dto');
    const created = await call(h.prov(`/v1/projects/${p}/whatsapp/senders`), {
      token: h.token,
      json: { wabaId: 'w-dto', phoneNumberId: 'pn-dto', region: 'BR', authenticationCode: h.sb.mintCode() },
    });
    // Act
    const read = await call(h.prov(`/v1/projects/${p}/whatsapp/senders/${created.body.id}`), { token: h.token });
    const listed = await call(h.prov(`/v1/projects/${p}/whatsapp/senders`), { token: h.token });
    // Assert
    for (const dto of [created.body, read.body, listed.body.senders[0]]) {
      assert.equal('wabaId' in dto, false);
      assert.equal('phoneNumberId' in dto, false);
      assert.match(dto.countryCode, /^\d{1,3}$/);
      assert.match(dto.phoneNumber, /^\d{6,14}$/, 'national number, no country code, no +');
      assert.equal(typeof dto.details.displayName, 'string');
      assert.deepEqual(dto.compatibleRegions, ['br']);
    }
    assert.equal(read.body.qualityRating, 'UNKNOWN');
    assert.equal(read.body.phoneNumber, created.body.phoneNumber, 'the same number on every read');
    assert.equal(h.sb.inspect().senders.find((s) => s.id === created.body.id)?.phoneNumberId, 'pn-dto', 'inspect() keeps what the DTO does not');
  });

  it('When the project already has a sender of one WABA, then a sender of another WABA gets 409 too_many_waba_id and the code stays unused', async () => {
    const p = await createSubproject(h, 'One WABA');
    await createSender(h, p, { wabaId: 'waba-one', phoneNumberId: 'pn-one-1' });
    const code = h.sb.mintCode();
    const other = await call(h.prov(`/v1/projects/${p}/whatsapp/senders`), { token: h.token, json: { wabaId: 'waba-two', phoneNumberId: 'pn-two-1', authenticationCode: code } });
    const same = await call(h.prov(`/v1/projects/${p}/whatsapp/senders`), { token: h.token, json: { wabaId: 'waba-one', phoneNumberId: 'pn-one-2', authenticationCode: code } });
    assert.equal(other.status, 409);
    assert.equal(other.body.errorCode, 'too_many_waba_id');
    assert.equal(same.status, 201, 'a second number of the same WABA is fine');
  });

  it('When the project has a WhatsApp account, then GET /whatsapp shows its WABA; before any sender 404 account_not_found', async () => {
    const p = await createSubproject(h, 'Account');
    const before = await call(h.prov(`/v1/projects/${p}/whatsapp`), { token: h.token });
    await createSender(h, p, { wabaId: 'waba-account', region: 'EU' });
    const account = await call(h.prov(`/v1/projects/${p}/whatsapp`), { token: h.token });
    assert.equal(before.status, 404);
    assert.equal(before.body.errorCode, 'account_not_found');
    assert.equal(account.status, 200);
    assert.equal(account.body.wabaId, 'waba-account');
    assert.equal(account.body.state, 'ONBOARDED');
    assert.equal(account.body.isEmbeddedSignup, true);
    assert.deepEqual(Object.keys(account.body.details).sort(), ['clientBusinessManagerId', 'companyLegalName', 'wabaName']);
    assert.deepEqual(account.body.compatibleRegions, ['eu']);
  });

  it('When a field is missing, unknown or out of its enum, then 400 invalid_input naming the field', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ phoneNumberId: 'p' }, /wabaId/],
      [{ wabaId: 'w', phoneNumberId: 'p', region: 'APAC' }, /region/],
      [{ wabaId: 'w', phoneNumberId: 'p', displayName: 'x' }, /property displayName should not exist/],
      [{ wabaId: 'w', phoneNumberId: 'p', metaLocalStorage: 'FR' }, /metaLocalStorage/],
      [{ wabaId: 'w', phoneNumberId: 'p', businessManager: 'SINCH_XX' }, /businessManager/],
      [{ wabaId: 'w', phoneNumberId: 'p', authenticationCode: '' }, /authenticationCode/],
    ];
    for (const [body, field] of cases) {
      const r = await create(body);
      assert.equal(r.status, 400, JSON.stringify(body));
      assert.equal(r.body.errorCode, 'invalid_input');
      assert.equal(typeof r.body.resolution, 'string');
      assert.ok(r.body.additionalInformation.validationErrors.some((e: string) => field.test(e)), `${field} in ${JSON.stringify(r.body)}`);
    }
  });

  it('When the business manager does not fit the region, then 400 invalid_business_manager', async () => {
    const r = await create({ wabaId: 'w', phoneNumberId: 'p-bm', region: 'EU', businessManager: 'SINCH_BR' });
    assert.equal(r.status, 400);
    assert.equal(r.body.errorCode, 'invalid_business_manager');
  });

  it('When a code is used twice, then the second create gets 400 invalid_facebook_token', async () => {
    const code = h.sb.mintCode();
    const first = await create({ wabaId: 'w', phoneNumberId: 'p-once-1', authenticationCode: code });
    const second = await create({ wabaId: 'w', phoneNumberId: 'p-once-2', authenticationCode: code });
    assert.equal(first.status, 201);
    assert.equal(second.status, 400);
    assert.equal(second.body.errorCode, 'invalid_facebook_token');
  });

  it('When the code is older than 30 s on the sandbox clock or never minted, then 400 invalid_facebook_token', async () => {
    // Arrange
    const code = h.sb.mintCode();
    h.sb.clock.advance(30_001);
    // Act
    const old = await create({ wabaId: 'w', phoneNumberId: 'p-old', authenticationCode: code });
    const forged = await create({ wabaId: 'w', phoneNumberId: 'p-forged', authenticationCode: 'AQforged' });
    // Assert
    assert.equal(old.status, 400);
    assert.equal(old.body.errorCode, 'invalid_facebook_token');
    assert.equal(forged.body.errorCode, 'invalid_facebook_token');
  });

  it('When a code minted over HTTP is used within its TTL, then it is accepted', async () => {
    const minted = await call(h.admin('/meta/codes'), { method: 'POST' });
    assert.equal(minted.status, 201);
    assert.ok(Date.parse(minted.body.issuedAt) > 0);
    h.sb.clock.advance(29_000);
    const r = await create({ wabaId: 'w', phoneNumberId: 'p-http-code', authenticationCode: minted.body.code });
    assert.equal(r.status, 201);
  });

  it('When the phoneNumberId already has a sender in any project, then 409 used_phone_number_id and the code stays unused', async () => {
    // Arrange
    const other = await createSubproject(h, 'Other');
    await createSender(h, other, { phoneNumberId: 'p-dup' });
    const code = h.sb.mintCode();
    // Act
    const dup = await create({ wabaId: 'w', phoneNumberId: 'p-dup', authenticationCode: code });
    const retry = await create({ wabaId: 'w', phoneNumberId: 'p-dup-2', authenticationCode: code });
    // Assert
    assert.equal(dup.status, 409);
    assert.equal(dup.body.errorCode, 'used_phone_number_id');
    assert.equal(retry.status, 201);
  });

  it('When the project is not the parent or one of its subprojects, then 404 project_not_found', async () => {
    const r = await call(h.prov('/v1/projects/unknown-project/whatsapp/senders'), { token: h.token, json: { wabaId: 'w', phoneNumberId: 'p' } });
    assert.equal(r.status, 404);
    assert.equal(r.body.errorCode, 'project_not_found');
  });
});

describe('Sender lifecycle', () => {
  let h: Harness;
  let project: string;
  before(async () => {
    h = await startHarness({ senderActivationDelayMs: 5_000 });
    project = await createSubproject(h);
  });
  after(() => h.sb.close());

  const get = (id: string) => call(h.prov(`/v1/projects/${project}/whatsapp/senders/${id}`), { token: h.token });

  it('When the activation delay passes on the sandbox clock, then IN_PROGRESS turns ACTIVE', async () => {
    // Arrange
    const sender = await createSender(h, project);
    // Act
    const before = await get(sender.id);
    h.sb.clock.advance(5_000);
    const afterDelay = await get(sender.id);
    // Assert
    assert.equal(before.body.state, 'IN_PROGRESS');
    assert.equal(before.body.changes.status, 'IN_PROGRESS');
    assert.equal(afterDelay.body.state, 'ACTIVE');
    assert.equal(afterDelay.body.changes, undefined);
    assert.equal(afterDelay.body.bearerToken, sender.bearerToken);
    assert.equal(h.sb.inspect().senders.find((s) => s.id === sender.id)?.state, 'ACTIVE');
  });

  it('When failSender is called, then the sender is ERROR with changes.status ERROR and the errorCode', async () => {
    const a = await createSender(h, project);
    const b = await createSender(h, project);
    h.sb.failSender(a.id);
    const viaHttp = await call(h.admin(`/senders/${b.id}/fail`), { json: { errorCode: 'NO_PRICING_PLAN' } });
    const ra = await get(a.id);
    const rb = await get(b.id);
    assert.equal(ra.body.state, 'ERROR');
    assert.equal(ra.body.changes.status, 'ERROR');
    assert.equal(ra.body.changes.errorCode, 'CANNOT_REGISTER_TO_CLOUD_API');
    assert.equal(viaHttp.status, 200);
    assert.equal(rb.body.changes.errorCode, 'NO_PRICING_PLAN');
  });

  it('When listing senders with pageSize and filterStates, then pages and filters apply', async () => {
    // Arrange: a project of its own
    const p = await createSubproject(h, 'List');
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await createSender(h, p)).id);
    h.sb.failSender(ids[0]!);
    // Act
    const page1 = await call(h.prov(`/v1/projects/${p}/whatsapp/senders?pageSize=2`), { token: h.token });
    const page2 = await call(h.prov(`/v1/projects/${p}/whatsapp/senders?pageSize=2&pageToken=${page1.body.nextPageToken}`), { token: h.token });
    const errors = await call(h.prov(`/v1/projects/${p}/whatsapp/senders?filterStates=ERROR`), { token: h.token });
    const bad = await call(h.prov(`/v1/projects/${p}/whatsapp/senders?filterStates=NOPE`), { token: h.token });
    const missing = await get('00000000-0000-4000-8000-000000000000');
    // Assert
    assert.equal(page1.body.totalSize, 3);
    assert.equal(page1.body.senders.length, 2);
    assert.equal(page2.body.senders.length, 1);
    assert.equal(page2.body.nextPageToken, undefined);
    assert.deepEqual(errors.body.senders.map((s: { id: string }) => s.id), [ids[0]]);
    assert.equal(bad.status, 400);
    assert.equal(missing.status, 404);
  });

  it('When a solution is assigned, then 204, again 204, and another solution after onboarding 409', async () => {
    const p = await createSubproject(h, 'Solutions');
    const assign = (sol: string) => call(h.prov(`/v1/projects/${p}/whatsapp/solutions/${sol}/assign`), { method: 'POST', token: h.token });
    const first = await assign('sol-1');
    const again = await assign('sol-1');
    await createSender(h, p);
    const sameAfter = await assign('sol-1');
    const other = await assign('sol-2');
    assert.equal(first.status, 204);
    assert.equal(again.status, 204);
    assert.equal(sameAfter.status, 204);
    assert.equal(other.status, 409);
    assert.equal(other.body.errorCode, 'solution_cannot_be_reassigned');
    assert.deepEqual(h.sb.inspect().solutionAssignments.filter((s) => s.projectId === p), [{ projectId: p, solutionId: 'sol-1' }]);
  });
});
