import { Image, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import Btn from '@/components/Btn'
import PageState from '@/components/PageState'
import RoleGate from '@/components/RoleGate'
import { call } from '@/api/client'
import { stationsApi } from '@/contracts/stations/api'
import { useMutationWith, useQueryWith } from '@/data'
import { alert } from '@/utils/dialog'
import { savePoster, savePosterPdf } from './draw'
import './index.scss'

/**
 * Where the QR points. H5: this app's own address, so opening the link is the stand-in for a scan. WeChat: the
 * prefix registered under 扫普通链接二维码打开小程序 (WX_QR_BASE at build time; README 驿站 → 签到), which opens
 * the check-in page; null when the build has none.
 */
function appBase(): string | null {
  if (process.env.TARO_ENV === 'h5') return `${location.origin}${location.pathname}`.replace(/\/index\.html$/, '').replace(/\/$/, '')
  return STATION_QR_BASE || null
}

const NO_BASE = { ok: false as const, error: { code: 'CLOSED' as const, message: '门口二维码的扫码地址还没有配置，请联系县总工会的系统管理员' } }

type StationPosterData = Parameters<typeof savePoster>[0]

/** Runs a poster export as a mutation, telling the keeper in plain words when the phone could not make the file. */
function reporting(saver: (p: StationPosterData) => Promise<void>) {
  return async (p: StationPosterData) => {
    try {
      await saver(p)
      return { ok: true as const, data: null }
    } catch (e) {
      await alert('海报没有生成', (e as Error).message || '请稍后再试')
      return { ok: false as const, error: { code: 'INTERNAL' as const, message: (e as Error).message } }
    }
  }
}

/** 驿站门口二维码: the poster to print for the door, for keepers and the union that runs the station. */
export default function PosterPage() {
  return <RoleGate spec={stationsApi.poster}>{() => <Poster />}</RoleGate>
}

function Poster() {
  const { params } = useRouter()
  const stationId = params.id ? decodeURIComponent(params.id) : ''
  // A mutation (the first poster of a station makes its QR key), loaded on opening like a read.
  const poster = useQueryWith(
    async () => {
      const base = appBase()
      return base ? call('stations', 'poster', { stationId, base }) : NO_BASE
    },
    [stationId],
    { reloadOnShow: false },
  )
  const save = useMutationWith(reporting(savePoster))
  const savePdf = useMutationWith(reporting(savePosterPdf))

  return (
    <View className='page station-poster'>
      <PageState query={poster} loadingText='正在生成二维码…'>
        {(p) => (
          <>
            <View className='station-poster__sheet'>
              <View className='station-poster__band'>
                <Text className='station-poster__title'>户外劳动者驿站</Text>
              </View>
              <Text className='station-poster__name'>{p.name}</Text>
              <Text className='station-poster__address'>{p.address}</Text>
              <Image className='station-poster__qr' src={p.qr} mode='aspectFit' />
              <Text className='station-poster__scan'>微信扫一扫 进站签到</Text>
              <Text className='station-poster__offer'>歇脚 · 喝水 · 充电 · 热饭</Text>
              <View className='station-poster__foot'>
                <Text className='station-poster__hotline'>职工服务热线 {p.hotline}</Text>
              </View>
            </View>
            <Text className='muted station-poster__hint'>
              打印后贴在驿站门口显眼处。工友用微信扫码即可签到，同一人 4 小时内只记一次；统计只有人次，不含个人信息。
            </Text>
            <View className='station-poster__actions'>
              <Btn className='station-poster__save' loading={save.busy} disabled={savePdf.busy} onClick={() => void save.run(p)}>
                {process.env.TARO_ENV === 'weapp' ? '生成海报图片' : '下载海报图片'}
              </Btn>
              <Btn className='station-poster__pdf' kind='secondary' loading={savePdf.busy} disabled={save.busy} onClick={() => void savePdf.run(p)}>
                下载 PDF（打印用）
              </Btn>
            </View>
            {process.env.TARO_ENV === 'h5' ? (
              // The H5 stand-in for scanning: the very link the QR encodes.
              <a className='station-poster__link' href={p.link}>
                在本机打开二维码链接（演示扫码）
              </a>
            ) : null}
          </>
        )}
      </PageState>
    </View>
  )
}
