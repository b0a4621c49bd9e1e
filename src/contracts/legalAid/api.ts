import type { ApiSpec } from '../api'

/** The `legalAid` cloud function: not open yet, so no actions; its issue fills this in. */
export const legalAidApi = {} satisfies ApiSpec

declare module '../api' {
  interface Apis {
    legalAid: typeof legalAidApi
  }
}
