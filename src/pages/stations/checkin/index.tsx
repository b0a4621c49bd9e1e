import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import Btn from '@/components/Btn'
import FormError from '@/components/FormError'
import PageState from '@/components/PageState'
import StateView from '@/components/StateView'
import { useMutation, useQuery } from '@/data'
import { OCCUPATIONS, parseCheckinLink, VISIT_GAP_HOURS, type Occupation } from '@/contracts/stations/visits'
import { beijingTimeOfDay } from '@/contracts/time'
import './index.scss'

const OCCUPATION_KEY = 'station-occupation'

/** The station and key: from the link's own query (H5, or opened in the app) or WeChat's `q`, the whole scanned URL. */
function fromRoute(params: Record<string, string | undefined>): { stationId: string; key: string } | null {
  if (params.s && params.k) return { stationId: decodeURIComponent(params.s), key: decodeURIComponent(params.k) }
  if (params.q) return parseCheckinLink(decodeURIComponent(params.q))
  return null
}

function storedOccupation(): Occupation | null {
  try {
    const v = Taro.getStorageSync(OCCUPATION_KEY) as string
    return OCCUPATIONS.some((o) => o.key === v) ? (v as Occupation) : null
  } catch {
    return null
  }
}

/** 驿站签到: opened by scanning the poster at the door. One tap counts the visit; 「我是」 is optional and asked once. */
export default function CheckinPage() {
  const { params } = useRouter()
  const target = fromRoute(params)
  if (!target) {
    return (
      <View className='page'>
        <StateView kind='error' title='二维码不完整' detail='请重新扫描驿站门口的二维码。' />
      </View>
    )
  }
  return <Checkin stationId={target.stationId} posterKey={target.key} />
}

function Checkin({ stationId, posterKey }: { stationId: string; posterKey: string }) {
  const station = useQuery('stations', 'get', { id: stationId }, { reloadOnShow: false })
  const [occupation, setOccupation] = useState<Occupation | null>(storedOccupation)
  const checkin = useMutation('stations', 'checkin', {
    success: (d) => (d.counted ? '签到成功' : ''),
    onSuccess: (d) => {
      if (d.occupation) Taro.setStorageSync(OCCUPATION_KEY, d.occupation)
    },
  })
  const [result, setResult] = useState<Awaited<ReturnType<typeof checkin.run>>>(null)

  const submit = async () => {
    const res = await checkin.run({ stationId, key: posterKey, ...(occupation ? { occupation } : {}) })
    if (res) setResult(res)
  }
  const ok = result?.ok ? result.data : null

  return (
    <View className='page station-checkin'>
      <PageState query={station} loadingText='正在读取驿站…'>
        {(s) => (
          <>
            <View className='card station-checkin__station'>
              <Text className='station-checkin__welcome'>欢迎来到</Text>
              <Text className='station-checkin__name'>{s.name}</Text>
              <Text className='muted station-checkin__address'>{s.address}</Text>
            </View>

            {ok ? (
              <View className={`card station-checkin__result station-checkin__result--${ok.counted ? 'ok' : 'again'}`}>
                <Text className='station-checkin__result-title'>{ok.counted ? '签到成功' : '您已签到过'}</Text>
                <Text className='station-checkin__result-text'>
                  {ok.counted
                    ? `${beijingTimeOfDay(ok.countedAt)} 到站，歇一歇，喝口水。`
                    : `今天 ${beijingTimeOfDay(ok.countedAt)} 已签到，${VISIT_GAP_HOURS} 小时内只记一次。`}
                </Text>
                <Btn
                  kind='secondary'
                  className='station-checkin__detail'
                  onClick={() => void Taro.redirectTo({ url: `/pages/stations/detail/index?id=${encodeURIComponent(stationId)}` })}
                >
                  看看驿站设施
                </Btn>
              </View>
            ) : (
              <View className='card station-checkin__form'>
                <Text className='section-title'>我是（选填）</Text>
                <Text className='muted station-checkin__hint'>只用于统计各类劳动者到站人次，不显示您的姓名。选一次即可，下次自动记住。</Text>
                <View className='station-checkin__occupations'>
                  {OCCUPATIONS.map((o) => (
                    <View
                      key={o.key}
                      className={`station-checkin__occupation station-checkin__occupation--${o.key} ${occupation === o.key ? 'station-checkin__occupation--on' : ''}`}
                      onClick={() => setOccupation(occupation === o.key ? null : o.key)}
                    >
                      {o.label}
                    </View>
                  ))}
                </View>
                <FormError message={checkin.error?.message} />
                <Btn className='station-checkin__submit' loading={checkin.busy} onClick={() => void submit()}>
                  {checkin.busy ? '正在签到…' : '签到'}
                </Btn>
              </View>
            )}
          </>
        )}
      </PageState>
    </View>
  )
}
