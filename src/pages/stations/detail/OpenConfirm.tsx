import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import Btn from '@/components/Btn'
import FormError from '@/components/FormError'
import { useMutation } from '@/data'

/** 「N 分钟前有人确认开放」 in words a courier reads at a glance. */
function confirmedAgo(at: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.floor((now - Date.parse(at)) / 60_000))
  if (minutes < 1) return '刚刚有人确认开放'
  if (minutes < 60) return `${minutes} 分钟前有人确认开放`
  return `${Math.floor(minutes / 60)} 小时前有人确认开放`
}

/** 「现在开着吗?」: a courier at the door says yes or no; two 「没开」 in an hour during opening hours tell the keeper. */
export default function OpenConfirm({ stationId, confirmedOpenAt }: { stationId: string; confirmedOpenAt?: string }) {
  const [answered, setAnswered] = useState<boolean | null>(null)
  const [lastOpen, setLastOpen] = useState(confirmedOpenAt)
  const confirm = useMutation('stations', 'confirmOpen', {
    onSuccess: (d, input) => {
      setAnswered(input.open)
      setLastOpen(d.confirmedOpenAt)
    },
  })
  return (
    <View className='card station-confirm'>
      <View className='station-confirm__head'>
        <Text className='section-title station-confirm__title'>现在开着吗？</Text>
        {lastOpen ? <Text className='station-confirm__ago'>{confirmedAgo(lastOpen)}</Text> : null}
      </View>
      {answered === null ? (
        <>
          <Text className='muted station-confirm__hint'>到了门口？告诉后来的工友。</Text>
          <View className='row-actions station-confirm__actions'>
            <Btn
              kind='secondary'
              className='station-confirm__yes'
              loading={confirm.busy}
              onClick={() => void confirm.run({ id: stationId, open: true })}
            >
              开着
            </Btn>
            <Btn
              kind='secondary'
              className='station-confirm__no'
              loading={confirm.busy}
              onClick={() => void confirm.run({ id: stationId, open: false })}
            >
              没开
            </Btn>
          </View>
          <FormError message={confirm.error?.message} />
        </>
      ) : (
        <Text className='station-confirm__thanks'>
          {answered ? '谢谢确认！后来的工友能看到驿站开着。' : '谢谢反馈！多位工友反馈没开时，会提醒站长核实。'}
        </Text>
      )}
    </View>
  )
}
