/**
 * The widget bundle: one ES module with every element and Lit inside, written straight into the
 * Salesforce static resource folder the Lightning wrappers load it from.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

export const BUNDLE_DIR = fileURLToPath(
  new URL('../../salesforce/force-app/main/default/staticresources/attain_widget', import.meta.url),
);
export const BUNDLE_FILE = 'attain-widget.js';

/**
 * Wraps the bundle in one arrow function called at once. The file stays an ES module (it has no
 * import or export at all) and, evaluated as a classic script, declares no global: without this,
 * every minified top-level name (`var e`, `let t`…) would land on `window`, and a second evaluation
 * would throw on the repeated `let`.
 */
function scopedBundle(): Plugin {
  return {
    name: 'attain-scoped-bundle',
    renderChunk(code) {
      return { code: `(() => {${code}})();`, map: null };
    },
    /**
     * After minification the only line breaks left are inside template literals: the indentation of
     * the css`` and html`` templates. Collapsing each run to one space changes no rendering (CSS and
     * HTML treat them alike; no template holds preformatted text) and saves a tenth of the bundle.
     */
    generateBundle(_options, bundle) {
      for (const output of Object.values(bundle)) {
        if (output.type === 'chunk') output.code = `${output.code.replace(/\n\s*/g, ' ').trim()}\n`;
      }
    },
  };
}

export default defineConfig({
  plugins: [scopedBundle()],
  define: { __ATTAIN_SHADOW_MODE__: JSON.stringify('closed') },
  build: {
    outDir: BUNDLE_DIR,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    minify: true,
    reportCompressedSize: false,
    lib: {
      entry: fileURLToPath(new URL('src/index.ts', import.meta.url)),
      formats: ['es'],
      fileName: () => BUNDLE_FILE,
    },
    rolldownOptions: {
      output: { codeSplitting: false, minify: true },
    },
  },
});
