import { createApp } from 'vue';
import 'whatsapp-signup'; // registers <whatsapp-signup> and its event types
import { App } from './App.js';

const app = createApp(App);
// <whatsapp-signup> is a custom element, not a Vue component: Vue renders it as is, sets its properties
// (endpoint, session, sdkSrc) and listens to its DOM events (@whatsapp-signup-ready, …).
app.config.compilerOptions.isCustomElement = (tag) => tag === 'whatsapp-signup';
app.mount('#app');
