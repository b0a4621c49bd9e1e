import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import Btn from '@/components/Btn'
import SearchBar from '@/components/SearchBar'
import PagedListState from '@/components/PagedListState'
import RoleGate from '@/components/RoleGate'
import OpenBadge from '@/pages/stations/components/OpenBadge'
import type { Me } from '@/contracts/roles'
import { stationsApi } from '@/contracts/stations/api'
import { useMutationWith, usePagedQuery, useQuery } from '@/data'
import { allows } from '@/contracts/api'
import { completenessText } from '@/contracts/stations/assessment'
import { fetchQuery } from '@/api/client'
import { alert } from '@/utils/dialog'
import { saveDownload } from '@/utils/download'
import { canCreateStations } from '../shared/access'
import './index.scss'

/** 驿站管理: the stations this keeper or union manages, with create and import for union staff. */
export default function StationsManagePage() {
  return <RoleGate spec={stationsApi.listManaged}>{(me) => <Manage me={me} />}</RoleGate>
}

function Manage({ me }: { me: Me }) {
  // The search applied; the box's text is `query`. Back from the edit or import page the list reloads quietly.
  const [applied, setApplied] = useState('')
  const [query, setQuery] = useState('')
  const { list, more } = usePagedQuery('stations', 'listManaged', { pageSize: 20, ...(applied ? { q: applied } : {}) })
  const search = (q: string) => setApplied(q.trim())
  // The county's view of the 星级 self-assessment: union staff only (keepers see their own stations' lines).
  const county = useQuery(
    'stations',
    'assessmentStats',
    {},
    {
      enabled: allows(stationsApi.assessmentStats, me.roles),
      pullToRefresh: false,
    },
  )
  // 地图标注表 for 高德/百度 submissions; a query that only writes a temporary export file.
  const mapSheet = useMutationWith(() => fetchQuery('stations', 'exportMap', {}))
  const exportMapSheet = async () => {
    const res = await mapSheet.run(undefined)
    if (!res) return
    if (!res.ok) return alert('导出失败', res.error.message)
    const saved = await saveDownload(res.data)
    if (!saved.ok) await alert('导出失败', saved.message)
  }

  return (
    <View className='page workbench'>
      <View className='card workbench__head'>
        <View className='workbench__head-text'>
          <Text className='workbench__title'>驿站管理</Text>
          <Text className='muted'>{me.orgs.length ? me.orgs.map((o) => o.name).join('、') : '我负责的驿站'}</Text>
        </View>
        {canCreateStations(me) ? (
          <View className='row-actions workbench__actions'>
            <Btn className='workbench__create' onClick={() => Taro.navigateTo({ url: '/pages/stations/edit/index' })}>
              新增驿站
            </Btn>
            <Btn kind='secondary' className='workbench__import' onClick={() => Taro.navigateTo({ url: '/pages/stations/import/index' })}>
              批量导入
            </Btn>
          </View>
        ) : null}
        <Btn kind='ghost' size='sm' className='workbench__map-export' loading={mapSheet.busy} onClick={() => void exportMapSheet()}>
          导出地图标注表（高德/百度）
        </Btn>
      </View>

      {county.data && county.data.total ? (
        <View className='card workbench__assessment'>
          <Text className='workbench__assessment-title'>
            符合全部基本条件：{county.data.complete} / {county.data.total} 个驿站
          </Text>
          {county.data.missing.length ? (
            <Text className='muted'>
              最常缺：
              {county.data.missing
                .slice(0, 3)
                .map((m) => `${m.label}（${m.count} 个）`)
                .join('、')}
            </Text>
          ) : null}
        </View>
      ) : null}

      <SearchBar value={query} onInput={setQuery} onSearch={search} placeholder='按驿站名称搜索' applied={!!applied} />

      {list.page > 0 || !list.loading ? <Text className='workbench__count'>共 {list.total} 个驿站</Text> : null}

      {list.items.map((s) => (
        <View
          key={s.id}
          className='card managed-station'
          onClick={() => Taro.navigateTo({ url: `/pages/stations/edit/index?id=${encodeURIComponent(s.id)}` })}
        >
          <View className='managed-station__head'>
            <Text className='managed-station__name'>{s.name}</Text>
            <OpenBadge open={s.openNow} statusText={s.statusText} suspendedUntil={s.suspendedUntil} />
          </View>
          <Text className='managed-station__address'>{s.address}</Text>
          {s.completeness ? (
            <Text className={`managed-station__assessment ${s.completeness.complete ? 'managed-station__assessment--ok' : ''}`}>
              {completenessText(s.completeness)}
            </Text>
          ) : null}
          {s.validTo ? <Text className='muted managed-station__valid'>{s.expired ? `已于 ${s.validTo} 到期` : `开放至 ${s.validTo}`}</Text> : null}
          <View className='managed-station__foot'>
            <Text className='muted'>{s.hours}</Text>
            <Text className='managed-station__edit'>编辑 ›</Text>
          </View>
          <View className='managed-station__tools'>
            <Text
              className='managed-station__tool managed-station__poster'
              onClick={(e) => {
                e.stopPropagation()
                void Taro.navigateTo({ url: `/pages/stations/poster/index?id=${encodeURIComponent(s.id)}` })
              }}
            >
              门口二维码
            </Text>
            <Text
              className='managed-station__tool managed-station__visits'
              onClick={(e) => {
                e.stopPropagation()
                void Taro.navigateTo({ url: `/pages/stations/visits/index?id=${encodeURIComponent(s.id)}` })
              }}
            >
              服务人次
            </Text>
          </View>
        </View>
      ))}

      <PagedListState
        list={list}
        onLoad={more}
        empty={{ title: '还没有您可管理的驿站', detail: '可以新增驿站，或用表格批量导入。' }}
        moreClassName='workbench__more'
      />
    </View>
  )
}
