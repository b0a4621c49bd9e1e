import { mutation, query } from '../api'
import {
  changePhoneInput,
  deleteMyDataInput,
  summaryInput,
  verifyPhoneInput,
  type DeleteMyDataResult,
  type PhoneChanged,
  type PhoneVerified,
  type ProfileSummary,
} from './schemas'

/** The `profile` cloud function: 个人信息, 更换手机号 and 删除我的数据 (个人信息保护法), each about the caller only. */
export const profileApi = {
  summary: query<ProfileSummary>()(summaryInput, 'signedIn'),
  deleteMyData: mutation<DeleteMyDataResult>()(deleteMyDataInput, 'signedIn'),
  /** exchanges a 手机号快速验证 code for the verified number, held for the person to confirm */
  verifyPhone: mutation<PhoneVerified>()(verifyPhoneInput, 'signedIn'),
  /** puts the confirmed number everywhere the person's phone is kept */
  changePhone: mutation<PhoneChanged>()(changePhoneInput, 'signedIn'),
}

declare module '../api' {
  interface Apis {
    profile: typeof profileApi
  }
}
