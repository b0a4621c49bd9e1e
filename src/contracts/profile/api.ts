import { action } from '../api'
import { deleteMyDataInput, summaryInput, type DeleteMyDataResult, type ProfileSummary } from './schemas'

/** The `profile` cloud function: 个人信息 and 删除我的数据 (个人信息保护法), each about the caller only. */
export const profileApi = {
  summary: action<ProfileSummary>()(summaryInput, 'signedIn'),
  deleteMyData: action<DeleteMyDataResult>()(deleteMyDataInput, 'signedIn'),
}

declare module '../api' {
  interface Apis {
    profile: typeof profileApi
  }
}
