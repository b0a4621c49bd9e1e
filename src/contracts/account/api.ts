import * as z from 'zod'
import { action } from '../api'
import type { Me } from '../roles'

/** The `account` cloud function: who the caller is. */
export const accountApi = {
  me: action<Me>()(z.object({}), 'signedIn'),
}

declare module '../api' {
  interface Apis {
    account: typeof accountApi
  }
}
