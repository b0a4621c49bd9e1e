// The app sets zh-CN itself (src/contracts/zod.ts); the other ~40 locales would only add weight.
export {}
