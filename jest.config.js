/** Unit specs beside the code; e2e specs in test/ against a real PostgreSQL (see test/support). */
const transform = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  // @fastify/static requires this ESM-only package; Node 20 loads it natively, Jest's runtime cannot.
  '/node_modules/content-disposition/.+\\.js$': [
    'ts-jest',
    {
      tsconfig: {
        allowJs: true,
        module: 'commonjs',
        moduleResolution: 'node',
        isolatedModules: true,
      },
    },
  ],
};
const common = {
  testEnvironment: 'node',
  rootDir: __dirname,
  transform,
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
  setupFiles: ['reflect-metadata'],
};

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    {
      // The web admin's logic (data provider, formats) in Node: no browser needed for these.
      displayName: 'web',
      testEnvironment: 'node',
      rootDir: __dirname,
      testMatch: ['<rootDir>/web/src/**/*.spec.ts'],
      transform: {
        '^.+\\.tsx?$': [
          'ts-jest',
          {
            tsconfig: {
              jsx: 'react-jsx',
              module: 'commonjs',
              moduleResolution: 'node',
              esModuleInterop: true,
              isolatedModules: true,
              types: ['jest', 'node'],
            },
          },
        ],
      },
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/browser-problems.ts'],
    },
  ],
  testTimeout: 60_000,
  maxWorkers: 2,
};
