import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import EnumPicker from '@/components/EnumPicker'
import PageState from '@/components/PageState'
import { GRADE_LABELS } from '@/contracts/childcare/rules'
import { useQuery } from '@/data'
import './index.scss'

/** 托管意向统计: how many children are registered per 街道/乡镇 and grade for a season, to plan classes. Counts only. */
export default function DemandPage() {
  const [season, setSeason] = useState<number | undefined>(undefined)
  const demand = useQuery('childcare', 'intentDemand', season === undefined ? {} : { season }, { keepPrevious: true })

  return (
    <View className='page cc-demand'>
      <PageState query={demand}>
        {(d) => {
          const labels = d.seasons.map((s) => s.label)
          const current = d.seasons.find((s) => s.season === d.season)?.label ?? ''
          return (
            <>
              <View className='card cc-head'>
                <Text className='cc-title'>托管意向统计</Text>
                <Text className='muted'>
                  家长在开班前登记的意向人数，按街道/乡镇和年级统计，不含孩子和家长信息。开设街道、时段相同的班时，年级符合的家长会先收到通知。
                </Text>
                <EnumPicker
                  className='cc-demand__season'
                  options={labels}
                  value={current}
                  placeholder='选择时段'
                  onChange={(l) => setSeason(d.seasons[labels.indexOf(l)]?.season)}
                />
                <Text className='cc-row__name cc-demand__total'>
                  {current}：共 {d.total} 人登记
                </Text>
              </View>
              {d.rows.length ? (
                d.rows.map((r) => (
                  <View key={r.areaId} className='card cc-demand__row'>
                    <Text className='cc-row__name'>
                      {r.areaName} · {r.total} 人
                    </Text>
                    <View className='cc-demand__grades'>
                      {r.byGrade.map((n, g) =>
                        g > 0 && n > 0 ? (
                          <Text key={g} className='cc-demand__grade'>
                            {GRADE_LABELS[g]} {n} 人
                          </Text>
                        ) : null,
                      )}
                    </View>
                  </View>
                ))
              ) : (
                <View className='card'>
                  <Text className='muted'>这个时段还没有家长登记意向。</Text>
                </View>
              )}
            </>
          )
        }}
      </PageState>
    </View>
  )
}
