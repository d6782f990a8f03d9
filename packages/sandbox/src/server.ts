import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import express, { type Express } from 'express';
import type { SandboxContext } from './context.js';
import { commonError, sendError } from './errors.js';
import { requestLog } from './request-log.js';
import { graphRouter } from './meta/graph.router.js';
import { metaSandbox } from './meta/meta.router.js';
import { adminRouter, type AdminHooks } from './routes/admin.js';
import { authRouter } from './routes/auth.js';
import { conversationRouter } from './routes/conversation.js';
import { provisioningRouter } from './routes/provisioning.js';
import { senderVerificationRouter, verificationAdminRouter } from './routes/sender-verification.js';
import { subprojectsRouter } from './routes/subprojects.js';

/** One Express app; each API on its own path prefix so base-URL variables can point at it. */
export function createSandboxApp(ctx: SandboxContext, hooks: AdminHooks): Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.use(requestLog(ctx));
  app.use('/auth', authRouter(ctx));
  app.use('/subproject', subprojectsRouter(ctx));
  app.use('/provisioning', senderVerificationRouter(ctx));
  app.use('/provisioning', provisioningRouter(ctx));
  app.use('/conversation/:region', conversationRouter(ctx));
  app.use('/graph', graphRouter(ctx));
  const meta = metaSandbox(ctx);
  app.use(meta.router);
  app.use('/_sandbox/meta', meta.adminRouter);
  app.use('/_sandbox', verificationAdminRouter(ctx));
  app.use('/_sandbox', adminRouter(ctx, hooks));
  app.use((req, res) => sendError(res, commonError('admin', 'not_found', `No route for ${req.method} ${req.path}.`), 'admin'));
  return app;
}

/** An HTTP server that remembers its sockets so close() can end hung and keep-alive connections. */
export interface TrackedServer {
  server: Server;
  listen(port: number, host: string): Promise<number>;
  close(): Promise<void>;
}

export function trackServer(app: Express): TrackedServer {
  const server = createServer(app);
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return {
    server,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const addr = server.address();
          resolve(typeof addr === 'object' && addr ? addr.port : port);
        });
      }),
    close: () =>
      new Promise((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        for (const s of sockets) s.destroy();
      }),
  };
}
