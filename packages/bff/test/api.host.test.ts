/**
 * The Host header is the client's: it never makes a foreign origin the BFF's own (CORS "self") and never
 * names the host of a link, a hostedUrl or the hosted page's endpoint. With PUBLIC_URL (required outside
 * sandbox mode) everything is built on it; without it (sandbox mode) only a loopback Host is trusted.
 * Through the real composition (composeBff on the Sinch sandbox).
 */
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import { API_KEY, sessionBody } from './fixtures/harness.js';
import { realHarness, type RealHarness } from './fixtures/real-harness.js';

const auth = (t: string) => ({ authorization: `Bearer ${t}` });
const EVIL = 'evil.example';

/** The hosted page's `endpoint` attribute (where its widget calls the BFF). */
const endpointOf = (html: string) => /<whatsapp-signup endpoint="([^"]*)"/.exec(html)?.[1];

describe('Host header', () => {
  describe('with PUBLIC_URL', () => {
    let h: RealHarness;
    before(async () => {
      h = await realHarness({ env: { PUBLIC_URL: 'https://bff.example' } });
    });
    after(() => h.close());

    test('When Host and Origin name another site, then CORS refuses it and links, hostedUrl and the hosted page use PUBLIC_URL', async () => {
      const { token } = (await request(h.app).post('/v1/sessions').set(auth(API_KEY)).set('Host', EVIL).send(sessionBody()).expect(201)).body;
      const refused = await request(h.app).get('/v1/session').set(auth(token)).set('Host', EVIL).set('Origin', `http://${EVIL}`);
      assert.equal(refused.status, 403);
      assert.equal(refused.body.error.code, 'origin_not_allowed');
      assert.equal(refused.headers['access-control-allow-origin'], undefined);

      const own = await request(h.app).get('/v1/session').set(auth(token)).set('Host', EVIL).set('Origin', 'https://bff.example').expect(200);
      assert.equal(own.headers['access-control-allow-origin'], 'https://bff.example');
      assert.match(own.body.hostedUrl, /^https:\/\/bff\.example\/signup\//);

      const link = await request(h.app).post('/v1/signup-links').set(auth(API_KEY)).set('Host', EVIL).send(sessionBody()).expect(201);
      assert.match(link.body.url, /^https:\/\/bff\.example\/signup\//);
      const page = await request(h.app).get(new URL(link.body.url).pathname).set('Host', EVIL).expect(200);
      assert.equal(endpointOf(page.text), 'https://bff.example');
    });
  });

  describe('in sandbox mode without PUBLIC_URL', () => {
    let h: RealHarness;
    let server: Server;
    let port: number;
    before(async () => {
      h = await realHarness({ env: { PUBLIC_URL: '' } });
      assert.equal(h.settings.http.publicUrl, undefined);
      // One listening server, so every request reaches the same loopback port (the links' fallback base).
      server = h.app.listen(0, '127.0.0.1');
      await new Promise((r) => server.once('listening', r));
      port = (server.address() as AddressInfo).port;
    });
    after(async () => {
      await new Promise((r) => server.close(r));
      await h.close();
    });

    test('When Host and Origin name another site, then it gets no CORS allowance as "self"', async () => {
      const { token } = (await request(server).post('/v1/sessions').set(auth(API_KEY)).send(sessionBody()).expect(201)).body;
      for (const host of [EVIL, `${EVIL}:${port}`, `localhost.${EVIL}`, '10.0.0.1', `127.0.0.1.${EVIL}`]) {
        const res = await request(server).get('/v1/session').set(auth(token)).set('Host', host).set('Origin', `http://${host}`);
        assert.equal(res.status, 403, `Host ${host} was trusted as the BFF's own origin`);
        assert.equal(res.body.error.code, 'origin_not_allowed');
        assert.equal(res.headers['access-control-allow-origin'], undefined);
      }
    });

    test('When Host is a loopback host (any port), then its origin is the BFF\'s own', async () => {
      const { token } = (await request(server).post('/v1/sessions').set(auth(API_KEY)).send(sessionBody()).expect(201)).body;
      for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, '127.1.2.3:3000', `[::1]:${port}`, 'LOCALHOST']) {
        const origin = new URL(`http://${host}`).origin;
        const res = await request(server).get('/v1/session').set(auth(token)).set('Host', host).set('Origin', origin);
        assert.equal(res.status, 200, `Host ${host}: ${res.status} ${JSON.stringify(res.body)}`);
        assert.equal(res.headers['access-control-allow-origin'], origin);
        assert.equal(res.body.hostedUrl.startsWith(`${origin}/signup/`), true, res.body.hostedUrl);
      }
    });

    test('When Host names another site, then the link url, hostedUrl and the hosted page endpoint are built on loopback', async () => {
      const loopback = `http://127.0.0.1:${port}`;
      const link = await request(server).post('/v1/signup-links').set(auth(API_KEY)).set('Host', EVIL).send(sessionBody()).expect(201);
      assert.equal(link.body.url.startsWith(`${loopback}/signup/`), true, link.body.url);
      const page = await request(server).get(new URL(link.body.url).pathname).set('Host', EVIL).expect(200);
      assert.equal(endpointOf(page.text), loopback);

      const { token } = (await request(server).post('/v1/sessions').set(auth(API_KEY)).set('Host', EVIL).send(sessionBody()).expect(201)).body;
      const session = await request(server).get('/v1/session').set(auth(token)).set('Host', EVIL).expect(200);
      assert.equal(session.body.hostedUrl.startsWith(`${loopback}/signup/`), true, session.body.hostedUrl);
    });
  });
});
