/** Four projects: fast unit + store contract, gateway integration (real HTTP on 127.0.0.1), e2e in Chromium, and the weapp check's own tests. */
const ts = {
  '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
}
const common = {
  testEnvironment: 'node',
  // Built functions carry their own package.json; outside the module map they cannot collide with the sources.
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.data/'],
  transform: ts,
  moduleNameMapper: {
    '^@/(.*)$': '<rootDir>/src/$1',
    // zod's ESM locale files, as the bundlers load them, have CommonJS twins for jest.
    '^zod/v4/locales/(.*)\\.js$': '<rootDir>/node_modules/zod/v4/locales/$1.cjs',
  },
}

module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/tests/unit/**/*.test.ts', '<rootDir>/tests/store/**/*.test.ts'],
      setupFiles: ['<rootDir>/tests/unit/setup-env.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/tests/integration/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/tests/integration/setup.ts'],
    },
    // Browser journeys outlast jest's 5 s default; a per-project testTimeout is ignored, a setup file is not.
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/tests/e2e/**/*.e2e.test.ts'], setupFilesAfterEnv: ['<rootDir>/tests/e2e/setup.ts'] },
    // The weapp check against planted defects (npm run test:weapp, after a weapp build).
    { ...common, displayName: 'weapp', testMatch: ['<rootDir>/tests/weapp/**/*.test.ts'], setupFilesAfterEnv: ['<rootDir>/tests/e2e/setup.ts'] },
  ],
}
