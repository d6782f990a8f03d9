import {defineConfig} from 'vite';

// One ES module, Lit bundled in: the BFF serves it as /console/console.js to the shell page at /console.
export default defineConfig({
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    minify: true,
    sourcemap: false,
    reportCompressedSize: true,
    rolldownOptions: {output: {minify: true}},
    lib: {entry: 'src/index.ts', formats: ['es'], fileName: () => 'console.js'},
  },
});
