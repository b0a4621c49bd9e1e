import Btn from '@/components/Btn'
import { browserSheet, chooseSheetFromChat } from '@/utils/sheet'
import type { LocalFile } from '@/utils/upload'
import './index.scss'

const MIME: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
}

interface Props {
  /** extensions offered, without dots: ['xlsx'] or ['xlsx', 'csv'] */
  exts: string[]
  /** the browser button's words, e.g. 选择 Excel 文件 */
  label: string
  /** while the picked file uploads or imports: no second pick */
  busy?: boolean
  onPick: (file: LocalFile) => void
  className?: string
}

/**
 * Picking a spreadsheet: in WeChat from a chat (where spreadsheets arrive), in the browser from disk. The input is
 * emptied at once, so the same file can be picked again after fixing it.
 */
export default function SheetPicker({ exts, label, busy, onPick, className = '' }: Props) {
  if (process.env.TARO_ENV === 'weapp') {
    return (
      <Btn
        kind='secondary'
        size='sm'
        className={className}
        loading={busy}
        onClick={async () => {
          const file = await chooseSheetFromChat(exts)
          if (file) onPick(file)
        }}
      >
        从聊天记录选择文件
      </Btn>
    )
  }
  const accept = [...exts.map((e) => '.' + e), ...exts.map((e) => MIME[e]).filter(Boolean)].join(',')
  return (
    <label className={`sheet-picker ${busy ? 'sheet-picker--busy' : ''} ${className}`}>
      {busy ? '请稍候…' : label}
      <input
        type='file'
        accept={accept}
        disabled={busy}
        className='sheet-picker__input'
        onChange={(e) => {
          // Held before anything async: React clears currentTarget once the handler returns.
          const input = e.currentTarget
          const picked = input.files?.[0]
          input.value = ''
          if (picked) onPick(browserSheet(picked))
        }}
      />
    </label>
  )
}
