import { Input, Picker, Switch, Text, View } from '@tarojs/components'
import Taro, { useLoad, usePullDownRefresh } from '@tarojs/taro'
import { useState } from 'react'
import AmenityChips from '@/pages/stations/components/AmenityChips'
import Btn from '@/components/Btn'
import StateView, { type StateAction } from '@/components/StateView'
import { amenityLabel, type AmenityKey } from '@/contracts/stations/amenities'
import type { Area, StationSummary } from '@/contracts/stations/schemas'
import { ensureSignedIn } from '@/api/session'
import { listAreas } from '../shared/api'
import { canOpenSettings, locate, openLocationSettings } from '../shared/location'
import StationCard from '../shared/StationCard'
import { useStationQuery, type Filters, type Origin } from './useStationQuery'
import './index.scss'

const DEFAULT_RADIUS_KM = 5
const WIDE_RADIUS_KM = 20

type LocStatus = 'locating' | 'ok' | 'denied' | 'unavailable'

export default function StationList() {
  const [locStatus, setLocStatus] = useState<LocStatus>('locating')
  const [origin, setOrigin] = useState<Origin | null>(null)
  const [filters, setFilters] = useState<Filters>({ amenities: [], openNow: false, radiusKm: DEFAULT_RADIUS_KM })
  const [keyword, setKeyword] = useState('')
  const [activeSearch, setActiveSearch] = useState<string | null>(null)
  const [areas, setAreas] = useState<Area[] | null>(null)
  const { results, loadNearby, loadSearch, reset } = useStationQuery()

  // Every change goes through here with the new values, so a reload never reads stale state.
  const query = (o: Origin | null, f: Filters, search: string | null) => {
    if (search) return loadSearch(search, o)
    if (o) return loadNearby(o, f)
    reset()
    return Promise.resolve()
  }

  const loadAreas = async () => {
    const res = await listAreas()
    if (res.ok) setAreas(res.data.items)
  }

  const startLocate = async (f: Filters = filters) => {
    setLocStatus('locating')
    const res = await locate()
    if (res.ok) {
      const next: Origin = { lat: res.lat, lng: res.lng, label: '当前位置', fromGps: true }
      setLocStatus('ok')
      setOrigin(next)
      await query(next, f, activeSearch)
    } else {
      setLocStatus(res.reason)
      if (!areas) void loadAreas()
    }
  }

  useLoad(() => {
    if (!ensureSignedIn()) return
    void startLocate()
  })

  usePullDownRefresh(async () => {
    // A courier on the move expects "nearest" to mean from where they stand now.
    if (origin?.fromGps && !activeSearch) await startLocate()
    else await query(origin, filters, activeSearch)
    Taro.stopPullDownRefresh()
  })

  const changeFilters = (next: Filters) => {
    setFilters(next)
    void query(origin, next, activeSearch)
  }

  const pickArea = (area: Area) => {
    const next: Origin = { lat: area.lat, lng: area.lng, label: area.name, fromGps: false }
    setOrigin(next)
    setActiveSearch(null)
    void query(next, filters, null)
  }

  const submitSearch = () => {
    const kw = keyword.trim()
    if (!kw) {
      clearSearch()
      return
    }
    setActiveSearch(kw)
    void query(origin, filters, kw)
  }

  const clearSearch = () => {
    setKeyword('')
    setActiveSearch(null)
    void query(origin, filters, null)
  }

  const retryLocation = async () => {
    if (canOpenSettings() && locStatus === 'denied') {
      const granted = await openLocationSettings()
      if (!granted) return
    }
    await startLocate()
  }

  const openStation = (s: StationSummary) => {
    Taro.navigateTo({ url: `/pages/stations/detail/index?id=${encodeURIComponent(s.id)}` })
  }

  const hasFilters = filters.amenities.length > 0 || filters.openNow
  const located = locStatus === 'ok' || locStatus === 'locating'

  return (
    <View className='page station-list'>
      <View className='station-search'>
        <Input
          className='station-search__input'
          value={keyword}
          placeholder='按驿站名称搜索'
          confirmType='search'
          maxlength={30}
          onInput={(e) => setKeyword(e.detail.value)}
          onConfirm={submitSearch}
        />
        <Btn size='sm' className='station-search__submit' onClick={submitSearch}>
          搜索
        </Btn>
      </View>

      {activeSearch ? (
        <View className='station-bar'>
          <Text className='station-bar__text'>「{activeSearch}」的搜索结果</Text>
          <Text className='station-bar__link station-search__clear' onClick={clearSearch}>
            返回附近
          </Text>
        </View>
      ) : null}

      {!activeSearch && origin ? (
        <View className='station-bar station-origin'>
          <View className='station-origin__dot' />
          <Text className='station-bar__text'>
            {origin.fromGps ? '当前位置' : `以「${origin.label}」为中心`} · {filters.radiusKm} 公里内
          </Text>
          {areas?.length ? (
            <Picker mode='selector' range={areas.map((a) => a.name)} onChange={(e) => pickArea(areas[Number(e.detail.value)])}>
              <Text className='station-bar__link station-origin__area'>切换区域</Text>
            </Picker>
          ) : null}
          {!origin.fromGps ? (
            <Text className='station-bar__link station-origin__relocate' onClick={() => void startLocate()}>
              重新定位
            </Text>
          ) : null}
        </View>
      ) : null}

      {!activeSearch && origin ? (
        <View className='station-filters'>
          <AmenityChips scroll value={filters.amenities} onChange={(amenities: AmenityKey[]) => changeFilters({ ...filters, amenities })} />
          {filters.amenities.length ? (
            // Chosen chips can be scrolled out of sight; say what is filtered and offer a way out.
            <View className='station-filters__summary'>
              <Text className='station-filters__summary-text'>已选：{filters.amenities.map(amenityLabel).join('、')}</Text>
              <Text className='station-bar__link station-filters__clear' onClick={() => changeFilters({ ...filters, amenities: [] })}>
                清除
              </Text>
            </View>
          ) : null}
          <View className='station-filters__open'>
            <Text className='station-filters__open-label'>只看营业中</Text>
            <Switch
              className='station-filters__open-switch'
              checked={filters.openNow}
              color='#C8102E'
              onChange={(e) => changeFilters({ ...filters, openNow: e.detail.value })}
            />
          </View>
        </View>
      ) : null}

      {locStatus === 'locating' && !origin && !activeSearch ? <StateView kind='loading' title='正在获取您的位置…' /> : null}

      {!located && !origin && !activeSearch ? (
        <LocationHelp denied={locStatus === 'denied'} areas={areas} onRetry={retryLocation} onPickArea={pickArea} onReloadAreas={loadAreas} />
      ) : null}

      <ResultsView
        results={results}
        activeSearch={activeSearch}
        originLabel={origin && !origin.fromGps ? origin.label : null}
        radiusKm={filters.radiusKm}
        hasFilters={hasFilters}
        onOpen={openStation}
        onRetry={() => void query(origin, filters, activeSearch)}
        onWiden={() => changeFilters({ ...filters, radiusKm: WIDE_RADIUS_KM })}
        onClearFilters={() => changeFilters({ ...filters, amenities: [], openNow: false })}
      />
    </View>
  )
}

interface LocationHelpProps {
  denied: boolean
  areas: Area[] | null
  onRetry: () => void
  onPickArea: (a: Area) => void
  onReloadAreas: () => void
}

function LocationHelp({ denied, areas, onRetry, onPickArea, onReloadAreas }: LocationHelpProps) {
  const openSettings = denied && canOpenSettings()
  return (
    <View className='location-help'>
      <StateView
        kind='info'
        className='location-help__explain'
        title='需要您的位置才能找到最近的驿站'
        detail={
          denied
            ? '您没有允许获取位置。位置只用来计算您与驿站的距离，不会保存。也可以在下面选择所在街道/乡镇，或按名称搜索。'
            : '暂时没能获取到位置，请确认手机已打开定位服务。也可以在下面选择所在街道/乡镇，或按名称搜索。'
        }
        actions={[{ text: openSettings ? '去设置中允许定位' : '重新定位', onClick: onRetry }]}
      />
      <View className='card area-picker'>
        <Text className='area-picker__title'>选择您所在的街道/乡镇</Text>
        {areas === null ? (
          <View className='area-picker__loading'>
            <Text className='muted'>正在加载区域…</Text>
            <Text className='station-bar__link' onClick={onReloadAreas}>
              重新加载
            </Text>
          </View>
        ) : (
          <View className='area-picker__options'>
            {areas.map((a) => (
              <View key={a.id} className='area-option' onClick={() => onPickArea(a)}>
                {a.name}
              </View>
            ))}
          </View>
        )}
      </View>
    </View>
  )
}

interface ResultsProps {
  results: ReturnType<typeof useStationQuery>['results']
  activeSearch: string | null
  originLabel: string | null
  radiusKm: number
  hasFilters: boolean
  onOpen: (s: StationSummary) => void
  onRetry: () => void
  onWiden: () => void
  onClearFilters: () => void
}

function ResultsView({ results, activeSearch, originLabel, radiusKm, hasFilters, onOpen, onRetry, onWiden, onClearFilters }: ResultsProps) {
  if (results.status === 'idle') return null
  if (results.status === 'loading') {
    return <StateView kind='loading' title={activeSearch ? '正在搜索…' : '正在查找附近驿站…'} className='station-results--loading' />
  }
  if (results.status === 'error') {
    return (
      <StateView
        kind='error'
        className='station-results--error'
        title='加载失败'
        detail={results.error.message}
        actions={[{ text: '重试', onClick: onRetry }]}
      />
    )
  }
  if (!results.items.length) {
    if (activeSearch) {
      return (
        <StateView
          kind='empty'
          className='station-results--empty'
          title={`没有找到名称包含「${activeSearch}」的驿站`}
          detail='换个关键词试试，比如街道名或单位名。'
        />
      )
    }
    const actions: StateAction[] = []
    if (radiusKm < WIDE_RADIUS_KM) actions.push({ text: `扩大到 ${WIDE_RADIUS_KM} 公里`, onClick: onWiden })
    if (hasFilters) actions.push({ text: '清除筛选条件', onClick: onClearFilters, kind: 'secondary' })
    return (
      <StateView
        kind='empty'
        className='station-results--empty'
        title={`附近 ${radiusKm} 公里内没有符合条件的驿站`}
        detail={actions.length ? undefined : '可以换个区域，或按名称搜索。'}
        actions={actions}
      />
    )
  }
  return (
    <View className='station-results'>
      <Text className='station-results__count'>
        {activeSearch ? `找到 ${results.items.length} 个驿站` : `离${originLabel ? `「${originLabel}」` : '您'}最近的 ${results.items.length} 个驿站`}
      </Text>
      {results.items.map((s) => (
        <StationCard key={s.id} station={s} onOpen={onOpen} />
      ))}
    </View>
  )
}
