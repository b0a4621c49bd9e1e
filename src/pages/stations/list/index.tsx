import { Input, Picker, Switch, Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import AmenityChips from '@/pages/stations/components/AmenityChips'
import Btn from '@/components/Btn'
import PageState from '@/components/PageState'
import StateView, { type StateAction } from '@/components/StateView'
import { amenityLabel, type AmenityKey } from '@/contracts/stations/amenities'
import type { Area, StationSummary } from '@/contracts/stations/schemas'
import { ensureSignedIn } from '@/api/session'
import { useQuery, type Query } from '@/data'
import { canOpenSettings, locate, openLocationSettings } from '../shared/location'
import StationCard from '../shared/StationCard'
import StationMap from './StationMap'
import './index.scss'

const DEFAULT_RADIUS_KM = 5
const WIDE_RADIUS_KM = 20
const LIMIT = 30
/** WeChat draws a native map; the H5 build keeps the list (no map SDK or key in the browser). */
const HAS_MAP = process.env.TARO_ENV === 'weapp'

type LocStatus = 'locating' | 'ok' | 'denied' | 'unavailable'

interface Origin {
  lat: number
  lng: number
  /** '当前位置' or the chosen area's name */
  label: string
  fromGps: boolean
}

interface Filters {
  amenities: AmenityKey[]
  openNow: boolean
  radiusKm: number
}

type Results = Query<{ items: StationSummary[] }>

export default function StationList() {
  const [locStatus, setLocStatus] = useState<LocStatus>('locating')
  const [origin, setOrigin] = useState<Origin | null>(null)
  const [filters, setFilters] = useState<Filters>({ amenities: [], openNow: false, radiusKm: DEFAULT_RADIUS_KM })
  const [keyword, setKeyword] = useState('')
  const [activeSearch, setActiveSearch] = useState<string | null>(null)
  const [view, setView] = useState<'list' | 'map'>('list')

  const here = origin ? { lat: origin.lat, lng: origin.lng } : { lat: 0, lng: 0 }
  // Pull to refresh is the page's own (below): a courier on the move expects "nearest" from where they stand now.
  const nearby = useQuery(
    'stations',
    'nearby',
    { ...here, ...filters, limit: LIMIT },
    {
      enabled: !!origin && !activeSearch,
      pullToRefresh: false,
    },
  )
  // With a position (the GPS fix or the chosen area), matches come nearest first with their distance.
  const search = useQuery(
    'stations',
    'search',
    { keyword: activeSearch ?? '', limit: LIMIT, ...(origin ? here : {}) },
    {
      enabled: !!activeSearch,
      pullToRefresh: false,
    },
  )
  const needAreas = locStatus === 'denied' || locStatus === 'unavailable'
  const areas = useQuery('stations', 'areas', {}, { enabled: needAreas, pullToRefresh: false, reloadOnShow: false })
  const results: Results = activeSearch ? (search as Results) : (nearby as unknown as Results)

  const startLocate = async () => {
    setLocStatus('locating')
    const res = await locate()
    if (res.ok) {
      setLocStatus('ok')
      setOrigin({ lat: res.lat, lng: res.lng, label: '当前位置', fromGps: true })
    } else setLocStatus(res.reason)
    return res.ok
  }

  useEffect(() => {
    if (ensureSignedIn()) void startLocate()
  }, [])

  usePullDownRefresh(async () => {
    // A new fix only reloads when the position moved; the same spot reloads as it stands.
    if (origin?.fromGps && !activeSearch) await startLocate()
    await results.reload(true)
    Taro.stopPullDownRefresh()
  })

  const changeFilters = (next: Filters) => setFilters(next)

  const pickArea = (area: Area) => {
    setOrigin({ lat: area.lat, lng: area.lng, label: area.name, fromGps: false })
    setActiveSearch(null)
  }

  const submitSearch = () => {
    const kw = keyword.trim()
    if (!kw) return clearSearch()
    setActiveSearch(kw)
    setView('list')
  }

  const clearSearch = () => {
    setKeyword('')
    setActiveSearch(null)
  }

  const retryLocation = async () => {
    if (canOpenSettings() && locStatus === 'denied') {
      const granted = await openLocationSettings()
      if (!granted) return
    }
    await startLocate()
  }

  const openStation = (s: StationSummary) => {
    // The position goes along so the detail shows the same distance without asking for location again.
    const at = origin?.fromGps ? `&lat=${origin.lat}&lng=${origin.lng}` : ''
    void Taro.navigateTo({ url: `/pages/stations/detail/index?id=${encodeURIComponent(s.id)}${at}` })
  }

  const hasFilters = filters.amenities.length > 0 || filters.openNow
  const located = locStatus === 'ok' || locStatus === 'locating'
  const showResults = !!activeSearch || !!origin

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
          {areas.data?.items.length ? (
            <Picker mode='selector' range={areas.data.items.map((a) => a.name)} onChange={(e) => pickArea(areas.data!.items[Number(e.detail.value)])}>
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

      {HAS_MAP && showResults && !activeSearch ? (
        <View className='station-view-switch'>
          {(['list', 'map'] as const).map((v) => (
            <View key={v} className={`station-view-switch__item ${view === v ? 'station-view-switch__item--on' : ''}`} onClick={() => setView(v)}>
              {v === 'list' ? '列表' : '地图'}
            </View>
          ))}
        </View>
      ) : null}

      {locStatus === 'locating' && !origin && !activeSearch ? <StateView kind='loading' title='正在获取您的位置…' /> : null}

      {!located && !origin && !activeSearch ? (
        <LocationHelp denied={locStatus === 'denied'} areas={areas} onRetry={retryLocation} onPickArea={pickArea} />
      ) : null}

      {showResults ? (
        <View className={results.state.kind === 'loading' ? 'station-results--loading' : 'station-results-wrap'}>
          <PageState
            query={results}
            loadingText={activeSearch ? '正在搜索…' : '正在查找附近驿站…'}
            isEmpty={(d) => !d.items.length}
            empty={emptyState(activeSearch, filters.radiusKm, hasFilters, {
              widen: () => changeFilters({ ...filters, radiusKm: WIDE_RADIUS_KM }),
              clear: () => changeFilters({ ...filters, amenities: [], openNow: false }),
            })}
          >
            {(d) =>
              HAS_MAP && view === 'map' && !activeSearch && origin ? (
                <StationMap origin={origin} stations={d.items} onOpen={openStation} />
              ) : (
                <View className='station-results'>
                  <Text className='station-results__count'>
                    {activeSearch
                      ? `找到 ${d.items.length} 个驿站`
                      : `离${origin && !origin.fromGps ? `「${origin.label}」` : '您'}最近的 ${d.items.length} 个驿站`}
                  </Text>
                  {d.items.map((s) => (
                    <StationCard key={s.id} station={s} onOpen={openStation} />
                  ))}
                </View>
              )
            }
          </PageState>
        </View>
      ) : null}
    </View>
  )
}

function emptyState(activeSearch: string | null, radiusKm: number, hasFilters: boolean, on: { widen: () => void; clear: () => void }) {
  if (activeSearch) return { title: `没有找到名称包含「${activeSearch}」的驿站`, detail: '换个关键词试试，比如街道名或单位名。' }
  const actions: StateAction[] = []
  if (radiusKm < WIDE_RADIUS_KM) actions.push({ text: `扩大到 ${WIDE_RADIUS_KM} 公里`, onClick: on.widen })
  if (hasFilters) actions.push({ text: '清除筛选条件', onClick: on.clear, kind: 'secondary' })
  return {
    title: `附近 ${radiusKm} 公里内没有符合条件的驿站`,
    detail: actions.length ? undefined : '可以换个区域，或按名称搜索。',
    actions,
  }
}

interface LocationHelpProps {
  denied: boolean
  areas: Query<{ items: Area[] }>
  onRetry: () => void
  onPickArea: (a: Area) => void
}

function LocationHelp({ denied, areas, onRetry, onPickArea }: LocationHelpProps) {
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
        <PageState query={areas} loadingText='正在加载区域…' isEmpty={(d) => !d.items.length} empty={{ title: '暂无可选的街道/乡镇' }}>
          {(d) => (
            <View className='area-picker__options'>
              {d.items.map((a) => (
                <View key={a.id} className='area-option' onClick={() => onPickArea(a)}>
                  {a.name}
                </View>
              ))}
            </View>
          )}
        </PageState>
      </View>
    </View>
  )
}
