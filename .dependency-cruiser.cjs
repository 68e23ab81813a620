// The layering of src/ (see README "Layout"): shared folders at the bottom, features above them,
// the files that know every feature at the top. `npm run lint:deps` prints the summary.

const FEATURES = '^src/(agreements|versions|lifecycle|papers|reports|audit|auth|access|agreement-files|documents|health|pages|cli)/';
// parties/ is Berlin's parties defined once, which features and the pure rules alike refer to.
const SHARED = '^src/(common|config|database|graphql|parties)/';
// The files that know every feature: the module list, the entity list, the loaders, the start.
const TOP_LEVEL = '^src/(app[.]module|bootstrap|loaders|entities|main)[.]ts$';
// Of parties/, its data and functions (not its module, resolver and models): the document rules check ids against them.
const PURE = ['^src/(documents|lifecycle/rules|papers/rules|reports/rules|pages/views)/', '^src/parties/[^/]+(?<![.](module|resolver))[.]ts$'];
// Anywhere a package resolves to, also a node_modules above the project.
const NEST_OR_STORAGE_PACKAGES = '(^|/)node_modules/(@nestjs/[^/]+|typeorm|pg)/';
// A file of a feature that Nest builds or that depends on Nest decorators or storage.
const NEST_WIRED = [
  '^src/.+[.](module|service|resolver|repository|controller|entity|interceptor|filter|guard|loaders|scalar)[.]ts$',
  '^src/.+/(models|dto)/',
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'shared-imports-no-feature',
      severity: 'error',
      comment: 'common/, config/, database/, graphql/ and parties/ are the ground floor: they know no feature and none of the top-level files.',
      from: { path: SHARED },
      to: { path: [FEATURES, TOP_LEVEL] },
    },
    {
      name: 'pure-rules-without-nest',
      severity: 'error',
      comment:
        'documents/, lifecycle/rules/ and the data and functions of parties/ are pure, tested without Nest or a database: not even indirectly Nest, TypeORM or pg.',
      from: { path: PURE },
      to: { path: NEST_OR_STORAGE_PACKAGES, reachable: true },
    },
    {
      name: 'pure-rules-without-wiring',
      severity: 'error',
      comment:
        'documents/, lifecycle/rules/ and the data and functions of parties/ import no module, service, resolver, repository, entity, model or input.',
      from: { path: PURE },
      to: { path: [...NEST_WIRED, TOP_LEVEL] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle makes two files one unit that can only be understood, tested and moved together.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'features-not-to-top-level',
      severity: 'error',
      comment:
        'app.module, bootstrap, loaders, entities and main know every feature; a feature importing them runs upward. Only cli/ may, as it starts the app.',
      from: { path: FEATURES, pathNot: '^src/cli/' },
      to: { path: TOP_LEVEL },
    },
    {
      name: 'src-not-to-test',
      severity: 'error',
      // Unit specs beside the code are tests themselves (the build leaves them out) and may share
      // fixtures with the e2e tests; the product code may not reach either.
      comment: 'The product does not depend on its tests: no file of src/ but a spec imports test/ or a spec.',
      from: { path: '^src/', pathNot: '[.]spec[.]ts$' },
      to: { path: ['^test/', '[.]spec[.]ts$'] },
    },
    {
      name: 'no-orphans',
      severity: 'error',
      comment: 'A file nothing imports is dead code, unless it is an entry point or a test.',
      from: {
        orphan: true,
        path: '^src/',
        pathNot: ['[.]spec[.]ts$', '^src/main[.]ts$', '^src/cli/(main|emit-schema)[.]ts$'],
      },
      to: {},
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that does not resolve to a file would slip past every rule above.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: ['node_modules'] },
    // Type-only imports count: a shared folder that names a feature's type still depends on it.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
  },
};
