import { startGateway } from './harness'
import { CAPACITY, checkRush, rush } from '../utils/childcare-rush'

jest.setTimeout(180_000)

/**
 * The opening rush on CloudBase's own semantics: the real CloudBaseStore over the CloudBase double, where a
 * transaction reads a snapshot and the later of two writers of one document is aborted, with 8–25 ms per
 * database request. SQLite's queue hides what this shows: a booking path that writes the class document in a
 * transaction fails parents (系统繁忙) here, though it never overbooks.
 */
test(`2,000 parents at once on CloudBase semantics (8–25 ms a request): exactly ${CAPACITY} confirmed, nobody refused`, async () => {
  const gw = await startGateway({ backend: 'cloudbase' })
  try {
    const r = await rush(gw, 2000, { beforeRush: () => gw.double!.setLatency([8, 25]) })
    gw.double!.setLatency([0, 0])
    await checkRush(gw, r, 2000)
  } finally {
    await gw.close()
  }
})
