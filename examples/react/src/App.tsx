/**
 * The element in a React app, through the package's React wrapper (`whatsapp-signup/react`, made with
 * `@lit/react`): typed props, and one `onWhatsappSignup…` prop per event with the typed event. The session
 * comes from the ASP's own backend (which holds the BFF API key and calls POST /v1/sessions).
 */
import { useEffect, useState, type CSSProperties } from 'react';
import type { WhatsappSignupCompleteDetail } from 'whatsapp-signup';
import { WhatsappSignup } from 'whatsapp-signup/react'; // also registers <whatsapp-signup>

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

  useEffect(() => {
    fetch(SESSION_ROUTE, { method: 'POST' })
      .then((r) => (r.ok ? (r.json() as Promise<SignupSession>) : Promise.reject(new Error(`${r.status}`))))
      .then(setSession, (e: Error) => setStatus(`Could not start: ${e.message}`));
  }, []);

  return (
    <main style={{ font: '16px/1.5 system-ui, sans-serif', maxWidth: '36rem', margin: '4rem auto' }}>
      <h1>Connect your WhatsApp number</h1>
      {session && (
        <WhatsappSignup
          endpoint={session.endpoint}
          session={session.token}
          sdkSrc={session.sdkSrc}
          style={{ '--whatsapp-signup-accent': '#0b6e4f' } as CSSProperties}
          // Typed: e is WhatsappSignupProgressEvent, WhatsappSignupErrorEvent, … with a typed detail.
          onWhatsappSignupReady={() => setStatus('Ready')}
          // Cancelable: call e.preventDefault() here to keep Embedded Signup closed (e.g. terms not accepted).
          onWhatsappSignupBeforeStart={() => setStatus('Opening Embedded Signup')}
          onWhatsappSignupStart={() => setStatus('Embedded Signup is open')}
          onWhatsappSignupProgress={(e) => setStatus(`${e.detail.step}: ${e.detail.status}`)}
          onWhatsappSignupCancel={(e) => setStatus(`Cancelled at ${e.detail.currentStep ?? 'an unknown step'}`)}
          onWhatsappSignupError={(e) => setStatus(`${e.detail.code}: ${e.detail.message}${e.detail.retryable ? ' (you can retry)' : ''}`)}
          onWhatsappSignupComplete={(e) => {
            setDone(e.detail);
            setStatus('Connected');
          }}
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
