/**
 * The element in a Vue 3 app. The session comes from the ASP's own backend (which holds the BFF API key and
 * calls POST /v1/sessions); each handler takes the element's typed event (`e.detail` typed).
 */
import { defineComponent, onMounted, ref } from 'vue';
import type {
  WhatsappSignupCancelEvent,
  WhatsappSignupCompleteDetail,
  WhatsappSignupCompleteEvent,
  WhatsappSignupErrorEvent,
  WhatsappSignupProgressEvent,
} from 'whatsapp-signup';

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

export const App = defineComponent({
  setup() {
    const session = ref<SignupSession>();
    const status = ref('Loading…');
    const done = ref<WhatsappSignupCompleteDetail>();

    onMounted(() => {
      fetch(SESSION_ROUTE, { method: 'POST' })
        .then((r) => (r.ok ? (r.json() as Promise<SignupSession>) : Promise.reject(new Error(`${r.status}`))))
        .then(
          (s) => (session.value = s),
          (e: Error) => (status.value = `Could not start: ${e.message}`),
        );
    });

    return {
      session,
      status,
      done,
      onReady: () => (status.value = 'Ready'),
      // Cancelable: call e.preventDefault() here to keep Embedded Signup closed (e.g. terms not accepted).
      onBeforeStart: () => (status.value = 'Opening Embedded Signup'),
      onStart: () => (status.value = 'Embedded Signup is open'),
      onProgress: (e: WhatsappSignupProgressEvent) => (status.value = `${e.detail.step}: ${e.detail.status}`),
      onCancel: (e: WhatsappSignupCancelEvent) => (status.value = `Cancelled at ${e.detail.currentStep ?? 'an unknown step'}`),
      onError: (e: WhatsappSignupErrorEvent) =>
        (status.value = `${e.detail.code}: ${e.detail.message}${e.detail.retryable ? ' (you can retry)' : ''}`),
      onComplete: (e: WhatsappSignupCompleteEvent) => {
        done.value = e.detail;
        status.value = 'Connected';
      },
    };
  },
  template: `
    <main style="font: 16px/1.5 system-ui, sans-serif; max-width: 36rem; margin: 4rem auto">
      <h1>Connect your WhatsApp number</h1>
      <whatsapp-signup
        v-if="session"
        :endpoint="session.endpoint"
        :session="session.token"
        :sdk-src="session.sdkSrc"
        style="--whatsapp-signup-accent: #0b6e4f"
        @whatsapp-signup-ready="onReady"
        @whatsapp-signup-before-start="onBeforeStart"
        @whatsapp-signup-start="onStart"
        @whatsapp-signup-progress="onProgress"
        @whatsapp-signup-cancel="onCancel"
        @whatsapp-signup-error="onError"
        @whatsapp-signup-complete="onComplete"
      ></whatsapp-signup>
      <p role="status" data-testid="status">{{ status }}</p>
      <p v-if="done" data-testid="done">
        Sender {{ done.senderId }} in subproject {{ done.subprojectId }}, app {{ done.appId }}
      </p>
    </main>
  `,
});
