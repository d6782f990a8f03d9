/**
 * The element in a React app. The session comes from the ASP's own backend (which holds the BFF API key and
 * calls POST /v1/sessions); the element's events are typed through GlobalEventHandlersEventMap.
 */
import { useEffect, useRef, useState, type CSSProperties } from 'react';
import 'whatsapp-signup'; // registers <whatsapp-signup> and its event types
import type { WhatsappSignup, WhatsappSignupCompleteDetail } from 'whatsapp-signup';

interface SignupSession {
  /** BFF base URL. */
  endpoint: string;
  /** Session token from POST /v1/sessions. */
  token: string;
  /** Only with the Meta sandbox: the fake FB SDK. */
  sdkSrc?: string;
}

/** Your backend's route that mints a session for the signed-in customer. */
const SESSION_ROUTE = '/api/whatsapp-signup/session';

export function App() {
  const [session, setSession] = useState<SignupSession>();
  const [status, setStatus] = useState('Loading…');
  const [done, setDone] = useState<WhatsappSignupCompleteDetail>();
  const ref = useRef<WhatsappSignup>(null);

  useEffect(() => {
    fetch(SESSION_ROUTE, { method: 'POST' })
      .then((r) => (r.ok ? (r.json() as Promise<SignupSession>) : Promise.reject(new Error(`${r.status}`))))
      .then(setSession, (e: Error) => setStatus(`Could not start: ${e.message}`));
  }, []);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ac = new AbortController();
    const on = { signal: ac.signal };
    // Typed: e is WhatsappSignupReadyEvent, WhatsappSignupProgressEvent, … with a typed detail.
    el.addEventListener('whatsapp-signup-ready', () => setStatus('Ready'), on);
    el.addEventListener('whatsapp-signup-progress', (e) => setStatus(`${e.detail.step}: ${e.detail.status}`), on);
    el.addEventListener('whatsapp-signup-cancel', (e) => setStatus(`Cancelled at ${e.detail.currentStep ?? 'an unknown step'}`), on);
    el.addEventListener('whatsapp-signup-error', (e) => setStatus(`${e.detail.code}: ${e.detail.message}${e.detail.retryable ? ' (you can retry)' : ''}`), on);
    el.addEventListener('whatsapp-signup-complete', (e) => {
      setDone(e.detail);
      setStatus('Connected');
    }, on);
    return () => ac.abort();
  }, [session]);

  return (
    <main style={{ font: '16px/1.5 system-ui, sans-serif', maxWidth: '36rem', margin: '4rem auto' }}>
      <h1>Connect your WhatsApp number</h1>
      {session && (
        <whatsapp-signup
          ref={ref}
          endpoint={session.endpoint}
          session={session.token}
          {...(session.sdkSrc ? { 'sdk-src': session.sdkSrc } : {})}
          style={{ '--whatsapp-signup-accent': '#0b6e4f' } as CSSProperties}
        />
      )}
      <p role="status" data-testid="status">{status}</p>
      {done && (
        <p data-testid="done">
          Sender {done.senderId} in subproject {done.subprojectId}, app {done.appId}
        </p>
      )}
    </main>
  );
}
