#!/usr/bin/env node
/**
 * Mints a hosted WhatsApp signup link through the BFF and prints its URL (nothing else on stdout).
 *
 *   BFF_URL=https://bff.example.com BFF_API_KEY=… node mint-link.mjs --reference cust-42 --name "Acme Bakery" [--ttl 86400] [--regions US,EU]
 *
 * Send the URL to your customer: it opens the BFF's signup page, works once, and expires after ttl seconds
 * (default 24 h, at most 3 days). Your NOTIFY_URL is told when the onboarding completes or fails.
 */
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    reference: { type: 'string' },
    name: { type: 'string' },
    ttl: { type: 'string' },
    regions: { type: 'string' },
  },
});
const bffUrl = process.env.BFF_URL;
const apiKey = process.env.BFF_API_KEY;
if (!bffUrl || !apiKey || !values.reference || !values.name) {
  console.error('usage: BFF_URL=… BFF_API_KEY=… node mint-link.mjs --reference <your customer id> --name <display name> [--ttl <seconds>] [--regions US,EU,BR]');
  process.exit(2);
}

const body = {
  customer: { reference: values.reference, displayName: values.name },
  ...(values.ttl ? { ttl: Number(values.ttl) } : {}),
  ...(values.regions ? { regions: { allowed: values.regions.split(',').map((r) => r.trim().toUpperCase()) } } : {}),
};
const res = await fetch(new URL('/v1/signup-links', bffUrl), {
  method: 'POST',
  headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
const json = await res.json().catch(() => ({}));
if (res.status !== 201) {
  // Every BFF error is {error: {code, message, field?}}.
  console.error(`POST /v1/signup-links → ${res.status} ${json.error?.code ?? ''}: ${json.error?.message ?? ''}`);
  process.exit(1);
}
console.error(`link ${json.id} for onboarding ${json.sessionId}, expires ${json.expiresAt}`);
console.log(json.url);
