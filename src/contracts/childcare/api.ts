import type { ApiSpec } from '../api'

/** The `childcare` cloud function: not open yet, so no actions; its issue fills this in. */
export const childcareApi = {} satisfies ApiSpec

declare module '../api' {
  interface Apis {
    childcare: typeof childcareApi
  }
}
