import Taro from '@tarojs/taro'

const RED = '#C8102E'

interface ConfirmOptions {
  title: string
  content?: string
  /** at most 4 characters: WeChat and Taro H5 refuse longer button texts */
  confirmText?: string
  cancelText?: string
  /** irreversible or destructive: the confirm button is red */
  danger?: boolean
}

/** Asks before an irreversible step; resolves true only when the person confirmed. */
export async function confirm({ title, content = '', confirmText = '确定', cancelText = '取消', danger = false }: ConfirmOptions): Promise<boolean> {
  const res = await Taro.showModal({ title, content, confirmText, cancelText, confirmColor: danger ? RED : '#1F2329' })
  return !!res.confirm
}

/** Tells the person something they must read before going on (a failure and what to do). */
export async function alert(title: string, content = '', confirmText = '知道了'): Promise<void> {
  await Taro.showModal({ title, content, showCancel: false, confirmText })
}
