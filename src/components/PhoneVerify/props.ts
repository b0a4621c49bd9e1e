/** What the page needs from either way of verifying a new number (WeChat in the mini program, 本地演示 in H5). */
export interface PhoneVerifyProps {
  /** the one-time code to exchange on the server; resolves when the page is done with it */
  onCode: (code: string) => Promise<void>
  /** the server's word on the number itself (not a mainland mobile, the current one) */
  error?: string
  /** what the number is for, as the field's label (default 新手机号: 更换手机号) */
  label?: string
  /** the WeChat button's words (default 微信验证新手机号) */
  buttonText?: string
}
