/**
 * Import rules for src/, checked by `npm run lint:deps` (depcruise src --config .dependency-cruiser.cjs).
 * Every rule is an error, so a violation makes the command exit non-zero.
 *
 * Layers:  src/core/ and src/web/ are shared building blocks; src/modules/<name>/ are the feature
 * modules; src/http/ wires everything into the app. Building blocks must not reach up into
 * modules or the HTTP layer, and a module reaches another module only through its public files
 * (service, queries, ...), never through its schema, repository, routes or views.
 *
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles anywhere in src (type-only imports count too).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-web-not-to-modules-or-http',
      severity: 'error',
      comment:
        'src/core/ and src/web/ are building blocks: they must not import src/modules/ or src/http/ ' +
        '(pass what they need in as parameters, or move the shared part into core).',
      from: { path: '^src/(core|web)/' },
      to: { path: '^src/(modules|http)/' },
    },
    {
      name: 'modules-private-parts',
      severity: 'error',
      comment:
        "A module must not import another module's private parts (schema.ts, repository.ts, " +
        'routes*.ts(x), views/); use its service/queries instead. Test files are exempt.',
      from: {
        path: '^src/modules/([^/]+)/',
        pathNot: '\\.test\\.tsx?$',
      },
      to: {
        path: '^src/modules/[^/]+/(schema\\.ts$|repository\\.ts$|routes[^/]*\\.tsx?$|views/)',
        // $1 is the module name captured by from.path: importing your own module is fine.
        pathNot: '^src/modules/$1/',
      },
    },
  ],
  options: {
    // Only src/ is cruised; packages are recorded as targets but never followed into.
    doNotFollow: { path: ['node_modules'] },
    moduleSystems: ['es6', 'cjs'],
    // Resolve with the project's tsconfig.json and count `import type` / type-only re-exports.
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    // The code imports './x.js' for a file that is x.ts or x.tsx (NodeNext style). dependency-cruiser
    // retries an unresolvable './x.js' as x.ts, x.tsx and x.d.ts itself (as tsc does); the extension
    // list below is for extensionless specifiers.
    enhancedResolveOptions: {
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      exportsFields: ['exports'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
