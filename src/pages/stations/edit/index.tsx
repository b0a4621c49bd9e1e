import { Input, Text, View } from '@tarojs/components'
import Taro, { useReady, useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import AmenityChips from '@/pages/stations/components/AmenityChips'
import Btn from '@/components/Btn'
import Field from '@/components/Field'
import StateView from '@/components/StateView'
import PageState from '@/components/PageState'
import { useMutation, useQuery } from '@/data'
import { toFieldMessages, type FieldMessages } from '@/utils/form'
import { goBackOr, scrollToFirstError } from '@/utils/nav'
import { parsePastedCoords } from '@/contracts/stations/coords'
import { EMPTY_FORM, formFromStation, HOURS_EXAMPLES, validateForm, type StationForm } from './form'
import './index.scss'
import RoleGate from '@/components/RoleGate'
import { stationsApi } from '@/contracts/stations/api'
import type { StationPhoto, StationPhotos } from '@/contracts/stations/schemas'
import PhotosEditor from './Photos'
import AssessmentCard from './Assessment'
import Lifecycle from './Lifecycle'
import Moves from './Moves'

const WORKBENCH = '/pages/staff/index/index'

function StationEdit() {
  const { params } = useRouter()
  const id = params.id ? decodeURIComponent(params.id) : undefined
  // Loaded once: reloading on show would overwrite what is being typed.
  const station = useQuery('stations', 'get', { id: id ?? '' }, { enabled: !!id, reloadOnShow: false, pullToRefresh: false })
  const [form, setForm] = useState<StationForm>(EMPTY_FORM)
  const [photos, setPhotos] = useState<StationPhoto[]>([])
  const [errors, setErrors] = useState<FieldMessages>({})
  const [formError, setFormError] = useState('')
  const [stale, setStale] = useState(false)
  const upsert = useMutation('stations', 'upsert', {
    success: (d) => (d.created ? '已新增' : '已保存'),
    onSuccess: () => void setTimeout(() => goBackOr(WORKBENCH), 1200),
    onError: (error) => {
      setErrors(toFieldMessages(error.fields))
      // 「该驿站刚被他人修改，请刷新后再改」: someone saved since this form loaded; reloading shows their version.
      setStale(error.code === 'CONFLICT' && !!id)
      setFormError(error.message)
      if (error.fields?.length) scrollToFirstError()
    },
  })
  const [pasted, setPasted] = useState('')
  const [pasteNote, setPasteNote] = useState<{ kind: 'ok' | 'swapped' | 'error'; text: string } | null>(null)

  // The form is drawn only once it holds the stored station: Taro's H5 inputs throw (「reading 'value'」) when
  // their value changes in the moment after they mount.
  const [filled, setFilled] = useState(false)

  // Every answer (the first load, 刷新 after a conflict) refills the form from the stored station.
  useEffect(() => {
    if (station.state.kind !== 'ready') return
    setForm(formFromStation(station.state.data))
    setFilled(true)
    setPhotos(station.state.data.photos)
    setStale(false)
    setFormError('')
  }, [station.state])

  // On mount too: useReady below has already fired when this mounts late under RoleGate (a shared card, a code).
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: id ? '编辑驿站' : '新增驿站' }).catch(() => undefined)
  }, [])

  // After the page config's title has been applied, or H5 puts the config title back.
  useReady(() => {
    Taro.setNavigationBarTitle({ title: id ? '编辑驿站' : '新增驿站' })
  })

  const set = <K extends keyof StationForm>(key: K, value: StationForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }))
    if (errors[key]) setErrors((e) => ({ ...e, [key]: '' }))
  }

  const pickOnMap = async () => {
    try {
      const lat = Number(form.lat)
      const lng = Number(form.lng)
      const res = await Taro.chooseLocation(form.lat && form.lng && !isNaN(lat) && !isNaN(lng) ? { latitude: lat, longitude: lng } : {})
      // The WeChat map picker answers in GCJ-02, the system the form asks for.
      setForm((f) => ({
        ...f,
        lat: res.latitude.toFixed(6),
        lng: res.longitude.toFixed(6),
        address: f.address.trim() ? f.address : res.address || f.address,
      }))
      setErrors((e) => ({ ...e, lat: '', lng: '' }))
    } catch {
      // Closing the picker is not an error worth telling anyone about.
    }
  }

  /** H5: one box for a pair copied from a map site, in either order; the numbers decide which is which. */
  const applyPasted = (text: string) => {
    setPasted(text)
    if (!text.trim()) {
      setPasteNote(null)
      return
    }
    const parsed = parsePastedCoords(text)
    if (!parsed.ok) {
      setPasteNote({ kind: 'error', text: parsed.message })
      return
    }
    setForm((f) => ({ ...f, lat: String(parsed.lat), lng: String(parsed.lng) }))
    setErrors((e) => ({ ...e, lat: '', lng: '' }))
    setPasteNote({ kind: parsed.swapped ? 'swapped' : 'ok', text: parsed.message })
  }

  const photosChanged = (next: StationPhotos) => {
    setPhotos(next.photos)
    // A photo change raises the station's version. The form keeps up only when that change was the sole one since
    // it loaded; if someone else saved in between, saving the form must still be refused and reloaded.
    setForm((f) => (f.version !== undefined && next.version === f.version + 1 ? { ...f, version: next.version } : f))
  }

  const save = async () => {
    if (upsert.busy) return
    setFormError('')
    const checked = validateForm(form, id)
    if (!checked.ok) {
      setErrors(checked.errors)
      setFormError('还有内容需要修改，请看标红的项目')
      scrollToFirstError()
      return
    }
    setErrors({})
    await upsert.run(checked.data)
  }

  if (id && (station.state.kind !== 'ready' || !filled)) {
    return (
      <View className='page'>
        <PageState query={station} loadingText='正在加载驿站信息…'>
          {() => null}
        </PageState>
        {station.state.kind === 'error' ? (
          <Btn kind='secondary' onClick={() => goBackOr(WORKBENCH)}>
            返回
          </Btn>
        ) : null}
      </View>
    )
  }
  if (id && station.data && !station.data.canEdit) {
    return (
      <View className='page'>
        <StateView
          kind='error'
          title='没有权限'
          detail='您没有编辑这个驿站的权限'
          actions={[{ text: '返回', onClick: () => goBackOr(WORKBENCH), kind: 'secondary' }]}
        />
      </View>
    )
  }

  return (
    <View className='page station-edit'>
      {id ? <PhotosEditor stationId={id} photos={photos} onChange={photosChanged} /> : null}
      <View className='card'>
        <Field label='驿站名称' name='name' required error={errors.name}>
          <Input
            className='field__input'
            value={form.name}
            maxlength={40}
            placeholder='如：城东快递小哥驿站'
            onInput={(e) => set('name', e.detail.value)}
          />
        </Field>
        <Field label='地址' name='address' required error={errors.address}>
          <Input
            className='field__input'
            value={form.address}
            maxlength={100}
            placeholder='街道、门牌号，便于现场找到'
            onInput={(e) => set('address', e.detail.value)}
          />
        </Field>
        <Field
          label='位置坐标'
          name='lat'
          required
          error={errors.lat || errors.lng}
          hint='请填写 GCJ-02 坐标（微信、高德、腾讯地图使用的坐标系），不要填百度或 GPS 原始坐标。'
        >
          <View className='station-edit__coords'>
            <Input
              className='field__input station-edit__lat'
              type='digit'
              value={form.lat}
              placeholder='纬度，如 37.7306'
              onInput={(e) => set('lat', e.detail.value)}
            />
            <Input
              className='field__input station-edit__lng'
              type='digit'
              value={form.lng}
              placeholder='经度，如 117.2166'
              onInput={(e) => set('lng', e.detail.value)}
            />
          </View>
          {process.env.TARO_ENV === 'weapp' ? (
            <Btn kind='secondary' size='sm' className='station-edit__map' onClick={pickOnMap}>
              在地图上选点
            </Btn>
          ) : (
            <View className='station-edit__paste'>
              <View className='station-edit__paste-head'>
                <Text className='station-edit__paste-label'>从地图复制坐标粘贴到这里：</Text>
                <a className='station-edit__picker-link' href='https://lbs.qq.com/getPoint/' target='_blank' rel='noopener noreferrer'>
                  打开地图选点
                </a>
              </View>
              <Input
                className='field__input station-edit__paste-input'
                value={pasted}
                placeholder='如 37.7306,117.2166（经度在前也可以）'
                onInput={(e) => applyPasted(e.detail.value)}
              />
              {pasteNote ? <Text className={`station-edit__paste-note station-edit__paste-note--${pasteNote.kind}`}>{pasteNote.text}</Text> : null}
            </View>
          )}
        </Field>
        <Field
          label='开放时间'
          name='hours'
          required
          error={errors.hours}
          hint={
            <View className='station-edit__examples'>
              <Text>点选示例填入：</Text>
              {HOURS_EXAMPLES.map((h) => (
                <Text key={h} className='station-edit__example' onClick={() => set('hours', h)}>
                  {h}
                </Text>
              ))}
            </View>
          }
        >
          <Input
            className='field__input'
            value={form.hours}
            maxlength={80}
            placeholder='如：08:00-20:00'
            onInput={(e) => set('hours', e.detail.value)}
          />
        </Field>
        <Field label='设施' name='amenities' error={errors.amenities}>
          <AmenityChips value={form.amenities} onChange={(v) => set('amenities', v)} />
        </Field>
        <Field label='联系电话' name='phone' error={errors.phone} hint='手机号或带区号的座机，如 0534-1234567'>
          <Input
            className='field__input'
            type='text'
            value={form.phone}
            maxlength={20}
            placeholder='选填'
            onInput={(e) => set('phone', e.detail.value)}
          />
        </Field>
        {id ? null : <Text className='muted station-edit__photo-note'>照片：新增驿站后，在驿站管理中打开它即可添加。</Text>}
      </View>

      <AssessmentCard form={form} errors={errors} set={set} />
      <Lifecycle form={form} errors={errors} set={set} />
      {id && station.data?.moves ? <Moves moves={station.data.moves} /> : null}

      {formError ? <Text className='station-edit__form-error'>{formError}</Text> : null}
      {stale ? (
        <Btn kind='ghost' className='station-edit__reload' onClick={() => void station.reload()}>
          刷新
        </Btn>
      ) : null}

      <Btn className='station-edit__save' disabled={upsert.busy} onClick={save}>
        {upsert.busy ? '正在保存…' : id ? '保存修改' : '新增驿站'}
      </Btn>
    </View>
  )
}

/** Opened by URL too: the role check comes first, from the same rule the server applies. */
export default function GuardedStationEdit() {
  return <RoleGate spec={stationsApi.upsert}>{() => <StationEdit />}</RoleGate>
}
