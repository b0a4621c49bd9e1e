/**
 * The shared store contract against a real CloudBase environment. It needs credentials and the network, so it
 * runs only when TCB_ENV_ID, TCB_SECRET_ID and TCB_SECRET_KEY are set; the offline parts of the adapter are
 * covered by tests/unit/cloudbase-{query,transaction,nearest}.test.ts.
 */
import tcb from '@cloudbase/node-sdk'
import { CloudBaseStore } from '../../cloudfunctions/_core/store/cloudbase'
import { runStoreContract } from './contract'

const env = process.env.TCB_ENV_ID
const secretId = process.env.TCB_SECRET_ID
const secretKey = process.env.TCB_SECRET_KEY

if (env && secretId && secretKey) {
  // Every round trip crosses the internet, and the contention tests retry transactions with backoff.
  jest.setTimeout(120_000)
  // Collection names carry a per-run prefix so that runs sharing an environment never see each other's data.
  // The SDK cannot drop collections: those left behind start with `t` and a base-36 time, for deleting in
  // the console. TCB_TEST_PREFIX reuses one set (e.g. one given a geo index on `location` by hand).
  const prefix = process.env.TCB_TEST_PREFIX ?? `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}_`
  const app = tcb.init({ env, secretId, secretKey })
  const store = new CloudBaseStore(app.database())

  runStoreContract(
    `cloudbase (${env}, prefix ${prefix})`,
    async () => ({
      store,
      cleanup: async () => {
        await store.remove(`${prefix}things`, {})
        await store.remove(`${prefix}places`, {})
      },
    }),
    { prefix },
  )
} else {
  const missing = ['TCB_ENV_ID', 'TCB_SECRET_ID', 'TCB_SECRET_KEY'].filter((k) => !process.env[k])
  // Jest swallows console output of a suite whose tests are all skipped; stderr reaches the run's output once.
  process.stderr.write(
    `store contract: cloudbase skipped — ${missing.join(', ')} not set (no credentials, and it needs the network to reach CloudBase)\n`,
  )
  describe.skip('store contract: cloudbase', () => {
    test('runs with TCB_ENV_ID, TCB_SECRET_ID and TCB_SECRET_KEY set', () => undefined)
  })
}
