import { defineModule } from '../_core/module'
import { profileActions } from './actions'

/**
 * 个人信息: what the app holds about the caller, and 删除我的数据. It owns no collection of its own: it reads and
 * deletes the caller's records in the collections that 入会, 暑期托管, 法律援助 and 消息中心 declare (and index).
 */
export default defineModule({
  actions: profileActions,
  collections: {},
})
