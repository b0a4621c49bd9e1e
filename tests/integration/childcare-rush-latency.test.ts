import { startGateway } from './harness'
import { CAPACITY, checkRush, rush } from '../utils/childcare-rush'

jest.setTimeout(60_000)

/**
 * 1,000 parents here (2,000 in the plain run): every transaction step sleeps, and transactions on one class are
 * serialised, so the run time grows with the count; 1,000 keeps this file well under a minute on a loaded machine.
 * Every store call waits 0–1 ms before and after (a transaction's steps too): interleavings a plain SQLite run never shows. */
test(`the same rush with cloud-like store latency: 1000 parents, still exactly ${CAPACITY}`, async () => {
  const gw = await startGateway({ latencyMs: 1 })
  try {
    await checkRush(gw, await rush(gw, 1000), 1000)
  } finally {
    await gw.close()
  }
})
