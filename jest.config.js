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
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
};
