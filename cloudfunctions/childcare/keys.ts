import type { Ctx } from '../_core/contract'
import { AppError } from '../_core/errors'
import type { Keys } from '../_core/keys'

/** The deployment's keys for children's data (身份证号, health notes); without them nothing personal is stored. */
export function keysOf(ctx: Ctx): Keys {
  if (!ctx.keys) {
    ctx.log.error('keys_missing', { hint: 'set PII_KEY' })
    throw new AppError('INTERNAL', '服务暂时不可用，请稍后再试')
  }
  return ctx.keys
}
