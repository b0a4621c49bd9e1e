import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import StationImage from '@/pages/stations/components/StationImage'
import { MAX_STATION_PHOTOS, type StationPhoto, type StationPhotos } from '@/contracts/stations/schemas'
import { alert, confirm } from '@/utils/dialog'
import { uploadFile } from '@/utils/upload'
import { useMutation } from '@/data'
import { pickInWeChat, shrinkInBrowser, type Picked } from '../shared/photoPick'
import './Photos.scss'

interface Props {
  stationId: string
  photos: StationPhoto[]
  onChange: (next: StationPhotos) => void
}

/** 照片: each change is saved at once (the form's 保存 is for the fields above), so each is confirmed on screen. */
export default function PhotosEditor({ stationId, photos, onChange }: Props) {
  const [busy, setBusy] = useState('')
  // Each answers the photos as they now stand; failures are told in one dialog per step (below), not as toasts.
  const add = useMutation('stations', 'addPhoto', { onSuccess: onChange })
  const removal = useMutation('stations', 'removePhoto', { onSuccess: onChange, success: '已删除' })
  const cover = useMutation('stations', 'coverPhoto', { onSuccess: onChange })
  const room = MAX_STATION_PHOTOS - photos.length

  const addAll = async (picked: Picked[], extra: number) => {
    const problems = picked.flatMap((p) => (p.ok ? [] : [p.problem]))
    const files = picked.flatMap((p) => (p.ok ? [p.file] : []))
    let added = 0
    for (const [i, file] of files.entries()) {
      setBusy(files.length > 1 ? `上传中 ${i + 1}/${files.length}` : '上传中…')
      const up = await uploadFile('stationPhoto', file)
      const res = up.ok ? await add.run({ stationId, fileId: up.data.fileId }) : up
      if (!res?.ok) {
        problems.push(res ? res.error.message : '上一张还在上传，请稍后再试')
        break
      }
      added++
    }
    setBusy('')
    if (extra > 0) problems.push(`最多 ${MAX_STATION_PHOTOS} 张，多选的 ${extra} 张没有添加`)
    if (problems.length) await alert(added ? `已添加 ${added} 张，其余未添加` : '照片没有添加成功', [...new Set(problems)].join('\n'))
    else if (added) Taro.showToast({ title: `已添加 ${added} 张`, icon: 'success' })
  }

  const pickWeChat = async () => {
    const picked = await pickInWeChat(room)
    if (picked?.length) await addAll(picked, 0)
  }

  const pickBrowser = async (chosen: File[]) => {
    setBusy('处理中…')
    const picked: Picked[] = []
    for (const f of chosen.slice(0, room)) picked.push(await shrinkInBrowser(f))
    await addAll(picked, chosen.length - room)
  }

  const remove = async (p: StationPhoto) => {
    if (busy) return
    const sure = await confirm({ title: '删除这张照片？', content: '删除后驿站详情页不再显示，且无法恢复。', confirmText: '删除', danger: true })
    if (!sure) return
    setBusy('删除中…')
    const res = await removal.run({ stationId, photoId: p.id })
    setBusy('')
    if (res && !res.ok) return alert('删除失败', res.error.message)
  }

  const makeCover = async (p: StationPhoto) => {
    if (busy) return
    setBusy('设置中…')
    const res = await cover.run({ stationId, photoId: p.id })
    setBusy('')
    if (res && !res.ok) return alert('设置失败', res.error.message)
  }

  const preview = (p: StationPhoto) => void Taro.previewImage({ current: p.url, urls: photos.map((x) => x.url) }).catch(() => undefined)

  return (
    <View className='card station-photos'>
      <View className='station-photos__head'>
        <Text className='section-title station-photos__title'>照片</Text>
        <Text className='station-photos__count'>
          {photos.length}/{MAX_STATION_PHOTOS}
        </Text>
      </View>
      <Text className='station-photos__hint'>第一张为封面。添加、删除后立即生效，无需点「保存」。</Text>
      <View className='station-photos__grid'>
        {photos.map((p, i) => (
          <View key={p.id} className='station-photos__item'>
            <StationImage url={p.url} className='station-photos__thumb' onClick={() => preview(p)} />
            {/* Keyed apart: when a photo becomes the cover, React must replace the tappable text, not take its tap
                handler off (Taro's weapp runtime crashes on that: 「reading '_num'」). */}
            {i === 0 ? (
              <Text key='cover' className='station-photos__cover'>
                封面
              </Text>
            ) : (
              <Text key='make-cover' className='station-photos__make-cover' onClick={() => void makeCover(p)}>
                设为封面
              </Text>
            )}
            <View className={`station-photos__remove${busy ? ' station-photos__remove--busy' : ''}`} onClick={() => void remove(p)}>
              <Text className='station-photos__remove-x'>✕</Text>
            </View>
          </View>
        ))}
        <AddTile busy={busy} full={room <= 0} onWeChat={pickWeChat} onFiles={pickBrowser} />
      </View>
    </View>
  )
}

interface TileProps {
  busy: string
  full: boolean
  onWeChat: () => Promise<void>
  onFiles: (files: File[]) => Promise<void>
}

function AddTile({ busy, full, onWeChat, onFiles }: TileProps) {
  const inert = !!busy || full
  const disabledFace = <Text className='station-photos__add-text'>{busy || `最多 ${MAX_STATION_PHOTOS} 张`}</Text>
  const face = (
    <>
      <Text className='station-photos__add-plus'>＋</Text>
      <Text className='station-photos__add-text'>添加照片</Text>
    </>
  )
  if (process.env.TARO_ENV === 'weapp') {
    // One view whose handler never goes away: taking the tap handler off a view at run time crashes Taro's weapp
    // runtime (「reading '_num'」 in removeEventListener), so a busy or full tile just ignores taps.
    return (
      <View
        className={`station-photos__add ${inert ? 'station-photos__add--disabled' : ''}`}
        onClick={() => {
          if (!inert) void onWeChat()
        }}
      >
        {inert ? disabledFace : face}
      </View>
    )
  }
  if (inert) {
    return <View className='station-photos__add station-photos__add--disabled'>{disabledFace}</View>
  }
  return (
    <label className='station-photos__add'>
      {face}
      <input
        type='file'
        multiple
        accept='image/jpeg,image/png,image/webp'
        className='station-photos__input'
        onChange={(e) => {
          // Read before anything async (React clears currentTarget), and emptied so the same photo can be picked again.
          const input = e.currentTarget
          const files = Array.from(input.files ?? [])
          input.value = ''
          if (files.length) void onFiles(files)
        }}
      />
    </label>
  )
}
