import { defineModule } from '../_core/module'
import { profileActions } from './actions'
import { PROFILES } from './phone'
import { UPLOAD_PATHS } from '../_core/uploads'

/**
 * 个人信息: what the app holds about the caller, 更换手机号 and 删除我的数据. It reads and deletes the caller's
 * records in the collections that 入会, 暑期托管, 法律援助 and 消息中心 declare (and index); its own holds the
 * verified phone, one document per person by openid.
 */
export default defineModule({
  actions: profileActions,
  collections: { [PROFILES]: {} },
  // Paths handed out for uploads are only needed until the bucket's 1-day rule has removed their files.
  // Upload paths older than a day (the bucket's lifecycle rule has taken their files): hourly is plenty.
  timerEvery: 'hour',
  onTimer: async (ctx) => ({ uploadPaths: await ctx.store.remove(UPLOAD_PATHS, { expiresAt: { $lt: ctx.now().toISOString() } }) }),
})
