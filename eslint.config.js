import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The house's rooms and which may import which (README, "How it is built"). Each rule names what a room may not
 * import; a regex over the import's text, so '../x/', '../../x/' and './x/' all count.
 */
const room = (name) => `(^|/)${name}/`;
const forbid = (regex, message) => ({ regex, message });

const TFJS = forbid('^@tensorflow/', 'Only src/training/ imports tfjs.');
const REACT = forbid('^(react|react-dom|recharts|@dnd-kit)(/|$)', 'Only src/ui/ imports React and its libraries.');
const IDB = forbid('^(idb|fake-indexeddb)(/|$)', 'Only src/storage/ touches IndexedDB.');
const UI = forbid(room('ui'), 'Nothing imports the UI: it sits on top.');
const ENGINE = forbid(room('engine'), 'src/engine/ is the page side of the worker: only src/ui/ uses it.');
const STORAGE = forbid(room('storage'), 'Browser storage is for the page: src/engine/ and src/ui/ use it.');
const DATA = forbid(room('data'), 'This room depends on nothing of ours.');
const DOMAIN = forbid(room('domain'), 'src/data/ depends on nothing of ours.');
const TRAINING_ALL = forbid(room('training'), 'This room depends on nothing of ours.');
/** The page talks to the worker through its one contract. */
const TRAINING_BUT_PROTOCOL = forbid(`${room('training')}(?!protocol\\.ts$)`, 'The page knows the worker only through training/protocol.ts.');
/** The same from src/ui/<folder>/, where ../training/ is the training panel, not the worker's room. */
const TRAINING_BUT_PROTOCOL_FROM_UI = forbid('^\\.\\./\\.\\./training/(?!protocol\\.ts$)', TRAINING_BUT_PROTOCOL.message);

const FEATURES = ['editor', 'training', 'evaluation', 'pad', 'saved-models', 'runs', 'learning', 'handwriting', 'lesson', 'embed', 'your-images'];
/** A panel's folder uses ui/common and the rooms below; ui/app composes the panels. */
const otherFeatures = (own) =>
  forbid(`(^\\.\\./(${[...FEATURES.filter((f) => f !== own), 'app'].join('|')})/)`, 'A panel imports only ui/common (and the rooms below the UI); ui/app composes panels.');

const TESTS = ['**/*.test.ts', '**/*.fixture.ts', 'src/storage/savedModelFixture.ts', 'src/domain/randomLayers.ts', 'src/engine/fakeWorker.ts'];
const restrict = (files, ...patterns) => ({ files, ignores: TESTS, rules: { 'no-restricted-imports': ['error', { patterns }] } });

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'public'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  // A giant cannot grow back unnoticed: split along a seam that exists before a file or function gets this big.
  {
    files: ['src/**/*.{ts,tsx}', 'scripts/**/*.ts', 'bench/**/*.ts', 'e2e/pages/**/*.ts', 'e2e/support/**/*.ts'],
    ignores: TESTS,
    rules: {
      'max-lines': ['error', { max: 250, skipBlankLines: false, skipComments: false }],
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: false, skipComments: false }],
    },
  },
  restrict(['src/domain/**/*.ts'], TFJS, REACT, IDB, UI, ENGINE, STORAGE, DATA, TRAINING_ALL),
  restrict(['src/data/**/*.ts'], TFJS, REACT, IDB, UI, ENGINE, STORAGE, DOMAIN, TRAINING_ALL),
  restrict(['src/training/**/*.ts'], REACT, IDB, UI, ENGINE, STORAGE),
  restrict(['src/storage/**/*.ts'], TFJS, REACT, UI, ENGINE, TRAINING_BUT_PROTOCOL),
  restrict(['src/engine/**/*.ts'], TFJS, REACT, IDB, UI, TRAINING_BUT_PROTOCOL),
  restrict(['src/ui/app/**/*.{ts,tsx}'], TFJS, IDB, TRAINING_BUT_PROTOCOL_FROM_UI),
  restrict(['src/ui/common/**/*.{ts,tsx}'], TFJS, IDB, TRAINING_BUT_PROTOCOL_FROM_UI, forbid('^\\.\\./(?!common/)[^.]', 'ui/common is shared by the panels and imports none of them.')),
  ...FEATURES.map((feature) => restrict([`src/ui/${feature}/**/*.{ts,tsx}`], TFJS, IDB, TRAINING_BUT_PROTOCOL_FROM_UI, otherFeatures(feature))),
);
