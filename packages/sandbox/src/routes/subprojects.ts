import express, { Router, type Response } from 'express';
import { z } from 'zod';
import { requireAuth } from '../auth.js';
import { iso } from '../clock.js';
import type { SandboxContext } from '../context.js';
import { GoogleError } from '../errors.js';
import { injectFaults } from '../fault-middleware.js';
import { ulid } from '../ids.js';
import type { SubprojectRecord } from '../state.js';
import { pageToken, parseGoogle, queryString } from '../validation.js';
import { errorHandler, notFound } from './common.js';

const text = z.string().min(1).max(255);
const labels = z
  .record(text, text)
  .refine((l) => Object.keys(l).length <= 255, 'must have at most 255 entries');

const createBody = z.strictObject({
  displayName: text,
  labels: labels.optional(),
  // Taken from the path; a body value is ignored (api-facts §2).
  parentProjectId: z.string().optional(),
});

const patchBody = z.strictObject({
  displayName: text.optional(),
  labels: labels.optional(),
  // Output-only fields that clients echo back from a GET; ignored.
  subprojectId: z.string().optional(),
  parentProjectId: z.string().optional(),
  createTime: z.string().optional(),
  updateTime: z.string().optional(),
  deleted: z.boolean().optional(),
});

/** Subproject resource as the API renders it (labels only when set). */
export function renderSubproject(sp: SubprojectRecord) {
  return {
    subprojectId: sp.subprojectId,
    displayName: sp.displayName,
    ...(sp.labels ? { labels: sp.labels } : {}),
    parentProjectId: sp.parentProjectId,
    createTime: iso(sp.createdAt),
    updateTime: iso(sp.updatedAt),
    deleted: sp.deleted,
  };
}

const invalid = (message: string) => new GoogleError(400, 'INVALID_ARGUMENT', message);

/** Subprojects API v1 under `/subproject` (api-facts §2). Google error dialect. */
export function subprojectsRouter(ctx: SandboxContext): Router {
  const r = Router();
  r.use(injectFaults(ctx, 'subproject', 'google'));
  r.use(requireAuth(ctx, 'google'));
  r.use(express.json({ limit: '256kb' }));

  const checkParent = (parent: string) => {
    if (parent === ctx.config.projectId) return;
    if (ctx.state.subprojects.has(parent)) {
      throw new GoogleError(400, 'FAILED_PRECONDITION', `Project ${parent} is a subproject; subprojects cannot have subprojects.`);
    }
    throw new GoogleError(400, 'FAILED_PRECONDITION', `Parent project ${parent} does not exist or is not accessible with these credentials.`);
  };

  const find = (id: string, opts: { allowDeleted: boolean }): SubprojectRecord => {
    const sp = ctx.state.subprojects.get(id);
    if (!sp || sp.parentProjectId !== ctx.config.projectId || (sp.deleted && !opts.allowDeleted)) {
      throw new GoogleError(404, 'NOT_FOUND', `Subproject ${id} not found.`);
    }
    return sp;
  };

  r.post('/v1/projects/:parent/subprojects', (req, res: Response) => {
    const parent = req.params.parent;
    checkParent(parent);
    const body = parseGoogle(createBody, req.body);
    const now = ctx.clock.now();
    const sp: SubprojectRecord = {
      subprojectId: ulid(now),
      displayName: body.displayName,
      ...(body.labels ? { labels: { ...body.labels } } : {}),
      parentProjectId: parent,
      createdAt: now,
      updatedAt: now,
      deleted: false,
    };
    ctx.state.subprojects.set(sp.subprojectId, sp);
    res.status(200).json(renderSubproject(sp));
  });

  r.get('/v1/projects/:parent/subprojects', (req, res) => {
    checkParent(req.params.parent);
    const sizeRaw = queryString(req.query.pageSize);
    const pageSize = sizeRaw === undefined || sizeRaw === '' ? 100 : Number(sizeRaw);
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) throw invalid(`pageSize must be an integer between 1 and 1000 but received ${JSON.stringify(sizeRaw)}.`);
    const tokenRaw = queryString(req.query.pageToken) ?? '';
    const offset = tokenRaw === '' ? 0 : pageToken.decode(tokenRaw);
    if (offset === null) throw invalid('pageToken is not valid.');
    const showDeletedRaw = queryString(req.query.showDeleted);
    if (showDeletedRaw !== undefined && !['true', 'false', ''].includes(showDeletedRaw)) throw invalid('showDeleted must be true or false.');
    const showDeleted = showDeletedRaw === 'true';
    const all = [...ctx.state.subprojects.values()].filter((sp) => sp.parentProjectId === req.params.parent && (showDeleted || !sp.deleted));
    const page = all.slice(offset, offset + pageSize);
    const next = offset + pageSize < all.length ? pageToken.encode(offset + pageSize) : '';
    res.json({ subprojects: page.map(renderSubproject), nextPageToken: next });
  });

  r.get('/v1/subprojects/:id', (req, res) => {
    res.json(renderSubproject(find(req.params.id, { allowDeleted: true })));
  });

  r.patch('/v1/subprojects/:id', (req, res) => {
    const sp = find(req.params.id, { allowDeleted: false });
    const body = parseGoogle(patchBody, req.body);
    const maskRaw = queryString(req.query.updateMask);
    const mask = maskRaw ? maskRaw.split(',').map((s) => s.trim()) : null;
    for (const f of mask ?? []) if (f !== 'displayName' && f !== 'labels') throw invalid(`updateMask field ${f} cannot be updated.`);
    const wants = (f: 'displayName' | 'labels') => (mask ? mask.includes(f) : body[f] !== undefined);
    if (wants('displayName')) {
      if (body.displayName === undefined) throw invalid('displayName is required by updateMask.');
      sp.displayName = body.displayName;
    }
    if (wants('labels')) {
      if (body.labels && Object.keys(body.labels).length > 0) sp.labels = { ...body.labels };
      else delete sp.labels;
    }
    sp.updatedAt = ctx.clock.now();
    res.json(renderSubproject(sp));
  });

  r.delete('/v1/subprojects/:id', (req, res) => {
    const sp = find(req.params.id, { allowDeleted: false });
    sp.deleted = true;
    sp.updatedAt = ctx.clock.now();
    res.json({});
  });

  r.use(notFound('google'));
  r.use(errorHandler('google'));
  return r;
}
