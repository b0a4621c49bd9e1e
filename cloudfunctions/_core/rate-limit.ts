import { AppError } from './errors'
import { DuplicateKeyError, type Store } from './store/port'

/**
 * A fixed-window counter kept in the store, so it holds across function instances in the cloud.
 * Throws RATE_LIMITED once `max` calls with this key fell in the current window. The usual call costs one
 * guarded increment, which counts the call only while the window has room: in the cloud every database
 * request counts against the environment's quota, so the limiter must not spend three.
 */
export async function rateLimit(store: Store, key: string, max: number, windowMs: number, now: Date, message: string) {
  const window = Math.floor(now.getTime() / windowMs)
  const id = `${key}:${window}`
  const room = () => store.update('rate_limits', { _id: id, n: { $lt: max } }, { inc: { n: 1 } })
  if (await room()) return
  if (max >= 1) {
    try {
      await store.insert('rate_limits', { _id: id, n: 1, expiresAt: new Date((window + 1) * windowMs).toISOString() })
      return
    } catch (e) {
      if (!(e instanceof DuplicateKeyError)) throw e
      // Another call created the window's counter a moment ago: try it once more.
      if (await room()) return
    }
  }
  throw new AppError('RATE_LIMITED', message)
}
