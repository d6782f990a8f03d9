import { defineConfig } from 'vite';

// No Vue plugin: the app's template is compiled in the browser, so `vue` is the build with the compiler.
// With single-file components and @vitejs/plugin-vue, put the same `isCustomElement` under
// `vue({ template: { compilerOptions: { isCustomElement } } })` instead of `app.config` (src/main.ts).
export default defineConfig({
  resolve: { alias: { vue: 'vue/dist/vue.esm-bundler.js' } },
  define: { __VUE_OPTIONS_API__: 'false', __VUE_PROD_DEVTOOLS__: 'false', __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false' },
});
