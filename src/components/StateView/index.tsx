import { Text, View } from '@tarojs/components'
import Btn from '../Btn'
import './index.scss'

export interface StateAction {
  text: string
  onClick: () => void
  kind?: 'primary' | 'secondary' | 'ghost'
}

interface Props {
  kind: 'loading' | 'empty' | 'error' | 'info'
  title: string
  detail?: string
  actions?: StateAction[]
  className?: string
}

const MARKS = { empty: '空', error: '!', info: 'i' } as const

/** One look for "waiting", "nothing here" and "went wrong", so every page explains itself the same way. */
export default function StateView({ kind, title, detail, actions, className }: Props) {
  return (
    <View className={`state-view state-view--${kind} ${className ?? ''}`}>
      {kind === 'loading' ? <View className='state-view__spinner' /> : <View className='state-view__mark'>{MARKS[kind]}</View>}
      <Text className='state-view__title'>{title}</Text>
      {detail ? <Text className='state-view__detail'>{detail}</Text> : null}
      {actions?.length ? (
        <View className='state-view__actions'>
          {actions.map((a) => (
            <Btn key={a.text} kind={a.kind ?? 'primary'} onClick={a.onClick} className='state-view__action'>
              {a.text}
            </Btn>
          ))}
        </View>
      ) : null}
    </View>
  )
}
