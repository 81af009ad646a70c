/** ts-jest in ESM mode: probot 14 is ESM only. Run with NODE_OPTIONS=--experimental-vm-modules. */
export default {
  testEnvironment: "node",
  extensionsToTreatAsEsm: [".ts"],
  moduleNameMapper: { "^(\\.{1,2}/.*)\\.js$": "$1" },
  transform: {
    "^.+\\.ts$": ["ts-jest", { useESM: true, tsconfig: "tsconfig.json" }],
  },
  testMatch: ["<rootDir>/test/**/*.test.ts"],
  // Jest leaves one core to itself by default: on a 2-core machine that is one worker for ~90 files.
  maxWorkers: 2,
  // The e2e tests run Gavel with production's throttling on a scaled clock, so they wait in real time; a test's time is
  // never what it asserts (budgets are counted, timings are measured by npm run bench): room for a loaded machine.
  testTimeout: 30_000,
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
};
