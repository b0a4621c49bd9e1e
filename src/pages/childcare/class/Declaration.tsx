import { Text, Textarea, View } from '@tarojs/components'
import Check from '@/components/Check'
import Choice from '@/components/Choice'
import FieldError from '@/components/FieldError'
import { HEALTH_ITEMS, type ClassNotice } from '@/contracts/childcare/health'

/** One child's 健康申报 as the page holds it: null until the parent answers a statement. */
export interface HealthDraft {
  answers: Array<boolean | null>
  note: string
}
export const emptyHealth = (): HealthDraft => ({ answers: HEALTH_ITEMS.map(() => null), note: '' })

const YES_NO = [
  { key: 'yes', label: '是' },
  { key: 'no', label: '否' },
] as const

/** 告家长书 in full, and the box that records having read this version. */
export function NoticeCard({ notice, read, onRead, error }: { notice: ClassNotice; read: boolean; onRead: (v: boolean) => void; error?: string }) {
  return (
    <View className={`card cc-rules cc-notice ${error ? 'field--invalid' : ''}`}>
      <Text className='cc-title'>告家长书</Text>
      <Text className='cc-rule cc-notice__text'>{notice.text}</Text>
      <Check className='cc-notice__read' checked={read} onChange={onRead}>
        <Text>我已阅读并知晓告家长书的内容</Text>
      </Check>
      <FieldError message={error} />
    </View>
  )
}

/** The fixed statements, 是 or 否 each, and a note that becomes required with any 否. */
export function HealthCard({
  name,
  draft,
  onChange,
  errors,
}: {
  name: string
  draft: HealthDraft
  onChange: (d: HealthDraft) => void
  errors: (path: string) => string | undefined
}) {
  return (
    <View className='card cc-rules cc-health'>
      <Text className='cc-title'>{name} 的健康申报</Text>
      {HEALTH_ITEMS.map((item, i) => (
        <View key={item} className={`cc-health__item cc-health__item--${i} ${errors(`answers.${i}`) ? 'field--invalid' : ''}`}>
          <Text className='cc-rule'>{item}</Text>
          <Choice
            options={YES_NO}
            value={draft.answers[i] === null ? '' : draft.answers[i] ? 'yes' : 'no'}
            onChange={(k) => onChange({ ...draft, answers: draft.answers.map((a, j) => (j === i ? k === 'yes' : a)) })}
          />
          <FieldError message={errors(`answers.${i}`)} />
        </View>
      ))}
      <Text className='cc-rule'>情况说明{draft.answers.some((a) => a === false) ? '（有「否」时必填）' : '（选填）'}</Text>
      <Textarea
        className='field__textarea cc-health__note'
        value={draft.note}
        maxlength={200}
        placeholder='如：对花生过敏；哮喘，书包里有喷雾'
        onInput={(e) => onChange({ ...draft, note: e.detail.value })}
      />
      <FieldError message={errors('note')} />
    </View>
  )
}
