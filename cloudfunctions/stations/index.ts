import { cloudMain } from '../_core/cloud'
import { stationsActions } from './actions'

/** CloudBase entry: `{action, data}` in, `{ok, data | error}` out. */
export const main = cloudMain(stationsActions)
