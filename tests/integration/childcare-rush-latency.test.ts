import { startGateway } from './harness'
import { CAPACITY, checkRush, rush } from '../utils/childcare-rush'

jest.setTimeout(60_000)

/** Every store call waits 0–1 ms before and after (a transaction's steps too): interleavings a plain SQLite run never shows. */
test(`the same rush with cloud-like store latency: still exactly ${CAPACITY}`, async () => {
  const gw = await startGateway({ latencyMs: 1 })
  try {
    checkRush(gw, await rush(gw))
  } finally {
    await gw.close()
  }
})
