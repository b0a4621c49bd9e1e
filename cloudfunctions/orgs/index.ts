import { cloudMain } from '../_core/cloud'
import mod from './module'

/** CloudBase entry: `{action, data}` in, `{ok, data | error}` out. */
export const main = cloudMain(mod.actions, mod.onTimer)
