import type { Ctx } from '../_core/contract'
import { count, definePersonal, type Erasure } from '../_core/personal'
import { POSTERS, VISIT_DAYS, VISITORS, VISITS } from './visits'
import { CONFIRMS, OPEN_ALERTS } from './confirms'

const REPORTS = 'station_reports'

/**
 * A report stays as the station's record (kind, status, the union's reply) so the station's history holds,
 * but the reporter and what they wrote (which may name them or give a phone number) go.
 */
async function erase(ctx: Ctx, out: Erasure): Promise<void> {
  const n = await ctx.store.update(
    REPORTS,
    { openid: ctx.caller.openid },
    { set: { openid: '', text: '（反馈人已删除个人信息）', erasedAt: ctx.now().toISOString() } },
  )
  count(out, REPORTS, n)
  // A visit stays counted (the station's 服务人次), without whose it was.
  const v = await ctx.store.update(VISITS, { openid: ctx.caller.openid }, { set: { openid: '' } })
  count(out, VISITS, v)
}

export default definePersonal({
  collections: {
    stations: { none: '驿站信息，由站长和工会维护' },
    [REPORTS]: { owner: 'openid', erase: 'domain', how: '去掉反馈人和反馈内容，保留问题类型和处理结果' },
    [VISITS]: { owner: 'openid', erase: 'domain', how: '去掉签到人，保留驿站服务人次' },
    [VISITORS]: { owner: 'openid', erase: 'delete' },
    [VISIT_DAYS]: { none: '各驿站每天的签到人次，只有数字' },
    [POSTERS]: { none: '驿站门口二维码的密钥' },
    [CONFIRMS]: { owner: 'openid', erase: 'delete' },
    [OPEN_ALERTS]: { none: '给站长的「没开」提醒记录，只有驿站和时间' },
  },
  erase,
})
