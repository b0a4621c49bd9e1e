import type { ApiSpec } from '../api'

/** The `quiz` cloud function: not open yet, so no actions; its issue fills this in. */
export const quizApi = {} satisfies ApiSpec

declare module '../api' {
  interface Apis {
    quiz: typeof quizApi
  }
}
